import type { Logger } from 'pino';
import { z } from 'zod';
import {
  StatusCodes,
  TeamsInfo,
  TurnContext,
  type Activity,
  type CloudAdapter,
  type ConversationReference,
  type InvokeResponse,
} from '../framework';
import { cardAttachment, type AdaptiveCard } from '../cards/adaptiveCard';
import {
  ANSWER_INPUT,
  MAX_EXPERT_TEXT,
  NOTE_INPUT,
  REASON_INPUT,
  TICKET_VERBS,
  expertReplyCard,
  expertReplyText,
  messageCard,
  ticketCard,
} from '../cards/expertCards';
import type { QuestionLog } from '../bot/questionLog';
import type { Config } from '../config';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import type { Lang } from '../knowledge/schema';
import { ReminderScheduler, type SchedulerOptions } from '../reminders/scheduler';
import { schedulerOptions } from '../reminders/reminders';
import type { Database } from '../storage/database';
import { CARD_CHANNELS } from '../render/renderAnswer';
import { TicketStore, type ExpertSend, type Ticket } from './ticketStore';

const CARD = 'application/vnd.microsoft.card.adaptive';

/** What "Ask an expert" posts back (the card's data, with the note typed in it). */
export const AskExpertData = z.object({
  expert: z.literal('ask'),
  question: z.string().max(2000).optional(),
  kind: z.string().max(40).optional(),
  [NOTE_INPUT]: z.string().max(MAX_EXPERT_TEXT).optional(),
});
export type AskExpertData = z.infer<typeof AskExpertData>;

/** What a ticket card's actions post back: the ticket, the version acted on, and the inputs. */
const TicketActionData = z.object({
  ticketId: z.string().uuid(),
  version: z.number().int().min(1),
  [ANSWER_INPUT]: z.string().max(MAX_EXPERT_TEXT).optional(),
  [REASON_INPUT]: z.string().max(MAX_EXPERT_TEXT).optional(),
});

/** The outcome of "Ask an expert", said in the asker's language. */
export interface AskOutcome {
  ok: boolean;
  message: string;
}

/** What asking needs to know about the card the button was on. */
export interface AskContext {
  lang: Lang;
  /** The bot's own answer (first paragraph), when it gave one; absent for a declined question. */
  botAnswer?: string;
}

/** The Universal Actions response carrying a card. */
export function cardResponse(card: AdaptiveCard): InvokeResponse {
  return { status: StatusCodes.OK, body: { statusCode: StatusCodes.OK, type: CARD, value: card } };
}

function errorShape(status: number, code: string, message: string): InvokeResponse {
  return { status, body: { statusCode: status, type: 'application/vnd.microsoft.error', value: { code, message } } };
}

/** A channel's conversation id without the thread part (`;messageid=…`). */
export function channelOf(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}

/** Folded for comparing a typed command with its phrasings: lower case, no accents, no punctuation. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface ExpertsDeps {
  database: Database;
  kb: KnowledgeBase;
  config: Config;
  logger: Logger;
  now: () => Date;
  questionLog: QuestionLog;
  /** Told how each send ended (metrics). */
  onSendOutcome?: SchedulerOptions['onOutcome'];
}

/**
 * Ask an expert: the experts' channel (set in chat by a team owner, or `EXPERTS_CONVERSATION_ID`), tickets
 * created from a user's "Ask an expert", the experts' actions on the ticket card (checked against the
 * experts' channel's membership through the connector, never against card data), and the proactive sends
 * (ticket posts, answers, closures) delivered by a `ReminderScheduler` over the tickets' queue: the same
 * leases, pacing and retries as reminders.
 */
export class Experts {
  readonly store: TicketStore;
  private scheduler: ReminderScheduler<ExpertSend> | undefined;

  constructor(private readonly deps: ExpertsDeps) {
    this.store = new TicketStore(deps.database.db, deps.database.dialect);
  }

  private nowMs(): number {
    return this.deps.now().getTime();
  }

  /** The language of a message that is the "use this channel for expert questions" command, if it is one. */
  commandLang(text: string): Lang | undefined {
    const typed = fold(text);
    if (typed === '') return undefined;
    for (const lang of ['en', 'fr'] as const) {
      if (
        this.deps.kb
          .message('experts_channel_command', lang)
          .split('|')
          .some((p) => fold(p) === typed)
      )
        return lang;
    }
    return undefined;
  }

  /**
   * "use this channel for expert questions", typed in a Teams channel: a team owner makes it the experts'
   * channel (one at a time; the reply says when it replaces another). Returns what to answer.
   */
  async setChannel(context: TurnContext, lang: Lang): Promise<string> {
    const { kb } = this.deps;
    const { activity } = context;
    if (activity.channelId !== 'msteams' || activity.conversation?.conversationType !== 'channel')
      return kb.message('experts_channel_not_channel', lang);
    const member = await this.member(context);
    if (member?.userRole !== 'owner') return kb.message('experts_channel_owner_only', lang);
    const channelData = activity.channelData as { channel?: { id?: string } } | undefined;
    const conversationId = channelData?.channel?.id ?? channelOf(activity.conversation.id);
    const previous = await this.store.setChannel(
      { conversationId, reference: this.channelReference(context, conversationId), lang, setBy: activity.from?.name ?? '' },
      this.nowMs(),
    );
    if (!previous) return kb.message('experts_channel_set', lang);
    if (previous.conversation_id === conversationId) return kb.message('experts_channel_same', lang);
    return kb.message('experts_channel_changed', lang, { name: previous.set_by });
  }

  /** A reference that posts a new thread in a channel, through the service the current activity came from. */
  private channelReference(context: TurnContext, conversationId: string): Partial<ConversationReference> {
    const { activity } = context;
    return {
      channelId: 'msteams',
      serviceUrl: activity.serviceUrl,
      ...(activity.recipient ? { bot: activity.recipient } : {}),
      conversation: {
        id: conversationId,
        isGroup: true,
        conversationType: 'channel',
        name: '',
        ...(activity.conversation?.tenantId ? { tenantId: activity.conversation.tenantId } : {}),
      },
    };
  }

  /** The experts' channel: the one set in chat, else `EXPERTS_CONVERSATION_ID` (reached through the asker's service). */
  private async expertsTarget(
    context: TurnContext,
  ): Promise<{ conversationId: string; reference: Partial<ConversationReference>; lang: string } | undefined> {
    const set = await this.store.channel();
    if (set)
      return {
        conversationId: set.conversation_id,
        reference: JSON.parse(set.reference) as Partial<ConversationReference>,
        lang: set.lang,
      };
    const configured = this.deps.config.EXPERTS_CONVERSATION_ID;
    if (!configured) return undefined;
    return { conversationId: configured, reference: this.channelReference(context, configured), lang: 'en' };
  }

  /**
   * A user's "Ask an expert": a ticket for the experts' channel (posted by the scheduler), or an honest
   * "no experts are set up" with the question kept in the unanswered log.
   */
  async ask(context: TurnContext, data: AskExpertData, asked: AskContext): Promise<AskOutcome> {
    const { kb, questionLog } = this.deps;
    const { lang } = asked;
    const question = data.question?.trim() ?? '';
    if (question === '') return { ok: false, message: kb.message('expert_no_question', lang) };
    const target = await this.expertsTarget(context);
    const { activity } = context;
    if (!target) {
      // A declined question is in the unanswered log already; an answer judged unhelpful goes there now.
      if (asked.botAnswer !== undefined) {
        await questionLog.recordUnanswered({
          channelId: activity.channelId,
          question,
          lang,
          intent: data.kind ?? 'unknown',
          confidence: 0,
          reason: 'expert-asked-none-set-up',
        });
      }
      return { ok: false, message: kb.message('expert_no_experts', lang) };
    }
    const { activityId: _activityId, ...askerReference } = TurnContext.getConversationReference(activity);
    const askerKey = `${activity.channelId}:${activity.conversation?.id ?? ''}`;
    if (await this.store.openTicketFor(askerKey, question)) return { ok: true, message: kb.message('expert_already_asked', lang) };
    const note = data[NOTE_INPUT]?.trim();
    await this.store.create(
      {
        channelId: activity.channelId,
        lang,
        question,
        ...(note ? { note } : {}),
        ...(asked.botAnswer ? { botAnswer: asked.botAnswer } : {}),
        askerId: activity.from?.id ?? '',
        askerName: activity.from?.name || activity.from?.id || '?',
        askerConversationKey: askerKey,
        askerReference,
        expertsConversationId: target.conversationId,
        expertsReference: target.reference,
        expertsLang: target.lang,
      },
      this.nowMs(),
    );
    this.scheduler?.poke();
    return { ok: true, message: kb.message('expert_asked', lang) };
  }

  /** The sender, as a member of the conversation the activity comes from (the connector says; undefined: not one). */
  private async member(context: TurnContext): Promise<{ id: string; userRole?: string } | undefined> {
    const id = context.activity.from?.id;
    if (!id) return undefined;
    try {
      const m = await TeamsInfo.getMember(context, id);
      return m?.id === id ? m : undefined;
    } catch (err) {
      this.deps.logger.info({ err }, 'membership check refused the sender');
      return undefined;
    }
  }

  /**
   * An expert's action on a ticket card (`ticket/assign`, `ticket/answer`, `ticket/close`). The action must
   * come from the channel the ticket was posted in, from a member of it (asked of the connector); the ticket
   * must still be at the version the card showed. Anything else gets a card saying why, and changes
   * nothing. A change updates the card in place for everyone (updateActivity) and queues the asker's reply.
   */
  async act(context: TurnContext, verb: string, rawData: unknown): Promise<InvokeResponse> {
    const { kb } = this.deps;
    const change = Object.entries(TICKET_VERBS).find(([, v]) => v === verb)?.[0] as keyof typeof TICKET_VERBS | undefined;
    if (!change) return errorShape(StatusCodes.BAD_REQUEST, 'NotSupported', `unknown verb "${verb.slice(0, 40)}"`);
    const parsed = TicketActionData.safeParse(rawData);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return errorShape(StatusCodes.BAD_REQUEST, 'BadRequest', `data.${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`);
    }
    const data = parsed.data;
    const ticket = await this.store.ticket(data.ticketId);
    const lang: Lang = ticket?.experts_lang === 'fr' ? 'fr' : 'en';
    const refuse = (key: Parameters<KnowledgeBase['message']>[0]): InvokeResponse =>
      cardResponse(messageCard(lang, kb.message(key, lang), 'attention'));
    if (!ticket) return refuse('ticket_error_unknown');
    // The conversation comes from the authenticated activity; the membership from the connector.
    const here = channelOf(context.activity.conversation?.id ?? '');
    if (context.activity.channelId !== 'msteams' || here !== ticket.experts_conversation_id) return refuse('ticket_error_not_member');
    const member = await this.member(context);
    if (!member) return refuse('ticket_error_not_member');
    const expertName = context.activity.from?.name || member.id;
    const answer = data[ANSWER_INPUT]?.trim() ?? '';
    const reason = data[REASON_INPUT]?.trim() ?? '';
    if (change === 'answer' && answer === '') return cardResponse(ticketCard(kb, ticket, kb.message('ticket_error_empty_answer', lang)));
    if (change === 'close' && reason === '') return cardResponse(ticketCard(kb, ticket, kb.message('ticket_error_empty_reason', lang)));
    const result = await this.store.change(
      ticket.id,
      data.version,
      change === 'assign'
        ? { verb: 'assign', expertId: member.id, expertName }
        : change === 'answer'
          ? { verb: 'answer', expertId: member.id, expertName, answer }
          : { verb: 'close', expertId: member.id, expertName, reason },
      this.nowMs(),
    );
    if ('refused' in result) {
      const key =
        result.refused === 'finished'
          ? 'ticket_error_finished'
          : result.refused === 'stale'
            ? 'ticket_error_stale'
            : 'ticket_error_unknown';
      return result.ticket ? cardResponse(ticketCard(kb, result.ticket, kb.message(key, lang))) : refuse(key);
    }
    const updated = ticketCard(kb, result.ticket);
    await this.updateForEveryone(context, result.ticket, updated);
    if (change !== 'assign') this.scheduler?.poke();
    return cardResponse(updated);
  }

  /** The invoke's response updates the card for the expert who acted; everyone else sees it through updateActivity. */
  private async updateForEveryone(context: TurnContext, ticket: Ticket, card: AdaptiveCard): Promise<void> {
    const id = ticket.ticket_message_id ?? context.activity.replyToId;
    if (!id) return;
    try {
      await context.updateActivity({ type: 'message', id, attachments: [cardAttachment(card)], summary: card.fallbackText });
    } catch (err) {
      // The expert who acted sees the change anyway; the others see it when Teams refreshes the card.
      this.deps.logger.warn({ err, ticketId: ticket.id }, 'could not update the ticket card for everyone');
    }
  }

  /** Ticket posts, answers and closures due and not yet delivered (for /metrics). */
  queueDepth(): Promise<number> {
    return this.store.dueCount(this.nowMs());
  }

  /** Starts delivering ticket posts, answers and closures (after the adapter exists). */
  start(adapter: CloudAdapter): ReminderScheduler<ExpertSend> {
    const { kb, config, logger } = this.deps;
    this.scheduler = new ReminderScheduler<ExpertSend>(
      this.store,
      async (reference, send) => {
        const ticket = await this.store.ticket(send.ticket_id);
        if (!ticket) return; // deleted (retention) since it was queued
        await adapter.continueConversationAsync(config.MicrosoftAppId ?? '', reference, async (context) => {
          if (send.kind === 'post') {
            const card = ticketCard(kb, ticket);
            const response = await context.sendActivity({
              type: 'message',
              summary: card.fallbackText,
              attachments: [cardAttachment(card)],
            });
            if (response?.id) await this.store.setTicketMessage(ticket.id, response.id);
            return;
          }
          await context.sendActivity(this.replyActivity(ticket, reference.channelId ?? ''));
        });
      },
      logger,
      { ...schedulerOptions(config), ...(this.deps.onSendOutcome ? { onOutcome: this.deps.onSendOutcome } : {}) },
      () => this.nowMs(),
    );
    this.scheduler.start();
    return this.scheduler;
  }

  /** The asker's reply: a card where cards are shown, text elsewhere. */
  private replyActivity(ticket: Ticket, channelId: string): Partial<Activity> {
    const { kb } = this.deps;
    const locale = ticket.lang === 'fr' ? 'fr-FR' : 'en-US';
    if (!CARD_CHANNELS.has(channelId)) return { type: 'message', locale, textFormat: 'markdown', text: expertReplyText(kb, ticket) };
    const card = expertReplyCard(kb, ticket);
    return {
      type: 'message',
      locale,
      summary: kb.message(ticket.status === 'answered' ? 'expert_answer_title' : 'expert_closed_title', ticket.lang === 'fr' ? 'fr' : 'en'),
      attachments: [cardAttachment(card)],
    };
  }
}
