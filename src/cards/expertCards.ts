import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import type { Lang } from '../knowledge/schema';
import type { Ticket } from '../experts/ticketStore';
import { CARD_VERSION, type AdaptiveCard, type CardAction, type CardElement, type Container } from './adaptiveCard';
import { literal, text } from './cardParts';

const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/** Id of the "Ask an expert" part of a card: the confirmation replaces it. */
export const ASK_EXPERT_ID = 'ask-expert';
/** Verb of the "Ask an expert" `Action.Execute`. */
export const ASK_EXPERT_VERB = 'expert/ask';
/** Verbs of the ticket card's actions. */
export const TICKET_VERBS = { assign: 'ticket/assign', answer: 'ticket/answer', close: 'ticket/close' } as const;
/** Input ids. */
export const NOTE_INPUT = 'expertNote';
export const ANSWER_INPUT = 'ticketAnswer';
export const REASON_INPUT = 'ticketReason';

/** Longest note, answer or closing reason accepted (the card's inputs say so too). */
export const MAX_EXPERT_TEXT = 2000;

function card(lang: string, body: CardElement[], fallbackText: string, extra: Partial<AdaptiveCard> = {}): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: SCHEMA, version: CARD_VERSION, lang, fallbackText, body, msteams: { width: 'Full' }, ...extra };
}

/**
 * "Ask an expert" with an optional note, under a declined question or after a "not helpful" verdict.
 * `Action.Execute` where the card is updated in place (Teams), `Action.Submit` elsewhere; the data carries
 * the question as typed (the user's own card) and the answer's kind.
 */
export function askExpertForm(
  kb: KnowledgeBase,
  lang: Lang,
  ref: { question?: string; kind?: string },
  universalActions: boolean,
): Container {
  const data: Record<string, unknown> = {
    expert: 'ask',
    ...(ref.question !== undefined ? { question: ref.question } : {}),
    ...(ref.kind !== undefined ? { kind: ref.kind } : {}),
  };
  const title = kb.message('expert_ask_button', lang);
  const action: CardAction = universalActions
    ? { type: 'Action.Execute', verb: ASK_EXPERT_VERB, title, data }
    : { type: 'Action.Submit', title, data };
  return {
    type: 'Container',
    id: ASK_EXPERT_ID,
    spacing: 'Medium',
    separator: true,
    items: [
      text(kb.message('expert_ask_intro', lang), { size: 'Small' }),
      {
        type: 'Input.Text',
        id: NOTE_INPUT,
        placeholder: kb.message('expert_note_placeholder', lang),
        maxLength: MAX_EXPERT_TEXT,
        spacing: 'Small',
      },
      { type: 'ActionSet', spacing: 'Small', actions: [action] },
    ],
  };
}

/** Whether a card offers "Ask an expert" (and so is kept, to be updated with the confirmation). */
export function hasAskExpert(c: AdaptiveCard): boolean {
  const visit = (e: CardElement): boolean => e.type === 'Container' && (e.id === ASK_EXPERT_ID || e.items.some(visit));
  return c.body.some(visit);
}

/** The same card with "Ask an expert" replaced by a confirmation (or a refusal) in its place. */
export function withAskOutcome(c: AdaptiveCard, message: string, ok: boolean): AdaptiveCard {
  const outcome: Container = {
    type: 'Container',
    id: ASK_EXPERT_ID,
    spacing: 'Medium',
    separator: true,
    style: ok ? 'good' : 'warning',
    items: [text(literal(message), { size: 'Small', weight: 'Bolder' })],
  };
  const replace = (e: CardElement): CardElement => {
    if (e.type !== 'Container') return e;
    if (e.id === ASK_EXPERT_ID) return outcome;
    return { ...e, items: e.items.map(replace) };
  };
  return { ...c, body: c.body.map(replace) };
}

/** A card that only says something (the confirmation when the asked card is no longer kept, an error). */
export function messageCard(lang: string, message: string, style: Container['style'] = 'default'): AdaptiveCard {
  return card(lang, [{ type: 'Container', style, items: [text(literal(message), { weight: 'Bolder' })] }], message);
}

function langName(kb: KnowledgeBase, lang: string, inLang: Lang): string {
  return kb.message(lang === 'fr' ? 'lang_fr' : 'lang_en', inLang);
}

function statusLine(kb: KnowledgeBase, t: Ticket, lang: Lang): string {
  switch (t.status) {
    case 'open':
      return kb.message('ticket_status_open', lang);
    case 'assigned':
      return kb.message('ticket_status_assigned', lang, { name: t.assigned_to_name ?? '' });
    case 'answered':
      return kb.message('ticket_status_answered', lang, { name: t.answered_by_name ?? '' });
    case 'closed':
      return kb.message('ticket_status_closed', lang, { name: t.closed_by_name ?? '' });
  }
}

/** A labelled block of what someone typed: the label in bold, the text as written (literal). */
function labelled(label: string, value: string): CardElement[] {
  return [text(`**${literal(label)}**`, { spacing: 'Medium' }), text(literal(value), { spacing: 'Small' })];
}

/**
 * The ticket card in the experts' channel: the question as typed, the note, the bot's answer (or that it
 * declined), the language, who asked (an @mention), the status; while open, "Assign to me", an answer to
 * send and a reason to close. Every action carries the ticket's id and version: an action on an older
 * version changes nothing. `error` shows above it, for an action refused.
 */
export function ticketCard(kb: KnowledgeBase, t: Ticket, error?: string): AdaptiveCard {
  const lang: Lang = t.experts_lang === 'fr' ? 'fr' : 'en';
  const mention = `<at>${t.asker_name}</at>`;
  const open = t.status === 'open' || t.status === 'assigned';
  const data = { ticketId: t.id, version: t.version };
  const execute = (verb: string, title: string, style?: 'positive' | 'destructive'): CardAction => ({
    type: 'Action.Execute',
    verb,
    title,
    data,
    ...(style ? { style } : {}),
  });
  const body: CardElement[] = [
    ...(error ? [{ type: 'Container', style: 'attention', items: [text(literal(error), { weight: 'Bolder' })] } satisfies Container] : []),
    text(literal(kb.message('ticket_title', lang)), { size: 'Medium', weight: 'Bolder', style: 'heading' }),
    ...labelled(kb.message('ticket_question', lang), t.question),
    ...(t.note ? labelled(kb.message('ticket_note', lang), t.note) : []),
    ...(t.bot_answer
      ? labelled(kb.message('ticket_bot_answer', lang), t.bot_answer)
      : [text(literal(kb.message('ticket_bot_declined', lang)), { spacing: 'Medium', isSubtle: true })]),
    {
      type: 'FactSet',
      spacing: 'Medium',
      facts: [
        { title: literal(kb.message('ticket_language', lang)), value: literal(langName(kb, t.lang, lang)) },
        { title: literal(kb.message('ticket_status', lang)), value: literal(statusLine(kb, t, lang)) },
      ],
    },
    text(`${literal(kb.message('ticket_asked_by', lang))}: ${mention}`, { spacing: 'Small' }),
    ...(t.status === 'answered' && t.answer ? labelled(kb.message('ticket_answer_label', lang), t.answer) : []),
    ...(t.status === 'closed' && t.close_reason ? labelled(kb.message('ticket_close_reason', lang), t.close_reason) : []),
  ];
  if (open) {
    if (t.status === 'open')
      body.push({ type: 'ActionSet', spacing: 'Medium', actions: [execute(TICKET_VERBS.assign, kb.message('ticket_assign', lang))] });
    body.push(
      {
        type: 'Input.Text',
        id: ANSWER_INPUT,
        label: kb.message('ticket_answer_label', lang),
        placeholder: kb.message('ticket_answer_placeholder', lang),
        isMultiline: true,
        maxLength: MAX_EXPERT_TEXT,
        spacing: 'Medium',
      },
      { type: 'ActionSet', spacing: 'Small', actions: [execute(TICKET_VERBS.answer, kb.message('ticket_send_answer', lang), 'positive')] },
      {
        type: 'Input.Text',
        id: REASON_INPUT,
        label: kb.message('ticket_close_reason', lang),
        placeholder: kb.message('ticket_close_placeholder', lang),
        isMultiline: true,
        maxLength: MAX_EXPERT_TEXT,
        spacing: 'Medium',
      },
      { type: 'ActionSet', spacing: 'Small', actions: [execute(TICKET_VERBS.close, kb.message('ticket_close', lang))] },
    );
  }
  const fallback = `${kb.message('ticket_title', lang)}: ${t.question} (${statusLine(kb, t, lang)})`;
  return card(lang, body, fallback, {
    msteams: { width: 'Full', entities: [{ type: 'mention', text: mention, mentioned: { id: t.asker_id, name: t.asker_name } }] },
  });
}

/** What the asker receives: their question quoted, then the expert's answer or the reason for closing, attributed. */
export function expertReplyCard(kb: KnowledgeBase, t: Ticket): AdaptiveCard {
  const lang: Lang = t.lang === 'fr' ? 'fr' : 'en';
  const answered = t.status === 'answered';
  const title = kb.message(answered ? 'expert_answer_title' : 'expert_closed_title', lang);
  const by = kb.message(answered ? 'expert_answer_by' : 'expert_closed_by', lang, {
    name: (answered ? t.answered_by_name : t.closed_by_name) ?? '',
  });
  const reply = (answered ? t.answer : t.close_reason) ?? '';
  return card(
    lang,
    [
      text(literal(title), { size: 'Medium', weight: 'Bolder', style: 'heading' }),
      text(`**${literal(kb.message('expert_your_question', lang))}**`, { spacing: 'Medium' }),
      { type: 'Container', style: 'emphasis', spacing: 'Small', items: [text(literal(t.question), { isSubtle: true })] },
      text(`**${literal(by)}**`, { spacing: 'Medium' }),
      text(literal(reply), { spacing: 'Small' }),
    ],
    expertReplyText(kb, t),
  );
}

/** The same as text (channels without cards, and the card's fallback). */
export function expertReplyText(kb: KnowledgeBase, t: Ticket): string {
  const lang: Lang = t.lang === 'fr' ? 'fr' : 'en';
  const answered = t.status === 'answered';
  const by = kb.message(answered ? 'expert_answer_by' : 'expert_closed_by', lang, {
    name: (answered ? t.answered_by_name : t.closed_by_name) ?? '',
  });
  return `**${kb.message(answered ? 'expert_answer_title' : 'expert_closed_title', lang)}**\n\n> ${t.question.replace(/\n/g, '\n> ')}\n\n${by}\n\n${(answered ? t.answer : t.close_reason) ?? ''}`;
}
