import type { Deadline, KnowledgeBase } from '../knowledge/knowledgeBase';
import type { Lang } from '../knowledge/schema';
import type { SubscribeOutcome } from '../reminders/reminderService';
import type { ReminderSend, Subscription } from '../reminders/reminderStore';
import { answer, type Answer } from './answer';
import { formatDate, formatList, formatRelative, sourceOf } from './format';

/** The calendar day of a deadline (a date, or the day of an instant). */
function day(date: string): string {
  return date.slice(0, 10);
}

/** "1 June 2027 (in 7 months)". */
function when(d: Deadline, lang: Lang, today: Date): string {
  return `${formatDate(day(d.date), lang)} (${formatRelative(day(d.date), today, lang)})`;
}

/** "30 days before, 7 days before, the day before and on the day". */
export function leadsText(kb: KnowledgeBase, leadDays: readonly number[], lang: Lang): string {
  return formatList([...leadDays].sort((a, b) => b - a).map((n) => (n === 0 ? kb.message('lead_zero', lang)
    : n === 1 ? kb.message('lead_one_day', lang) : kb.message('lead_days', lang, { n }))), lang);
}

function pastSentence(kb: KnowledgeBase, d: Deadline, lang: Lang, today: Date): string {
  return kb.message(d.kind === 'pic' ? 'remind_past_pic' : 'remind_past_eol', lang, {
    name: d.name, date: formatDate(day(d.date), lang), relative: formatRelative(day(d.date), today, lang),
  });
}

const reminderSuggestions = (kb: KnowledgeBase, lang: Lang): string[] => [kb.message('suggest_reminders_list', lang), kb.message('suggest_reminders_cancel', lang)];

/** The reply to "remind me …": what was scheduled, what has already passed, what else is ahead. */
export function subscribedAnswer(kb: KnowledgeBase, outcome: SubscribeOutcome, lang: Lang, today: Date): Answer {
  const sentences: string[] = [];
  if (outcome.scheduled.length > 0) {
    sentences.push(kb.message('remind_scheduled', lang, { names: formatList(outcome.scheduled.map((d) => d.name), lang) }));
    sentences.push(kb.message('remind_when', lang, { leads: leadsText(kb, outcome.leadDays, lang) }));
  }
  sentences.push(...outcome.past.map((d) => pastSentence(kb, d, lang, today)));
  if (outcome.all && outcome.scheduled.length === 0) sentences.push(kb.message('remind_all_none_ahead', lang));
  if (!outcome.all && outcome.scheduled.length === 0) {
    sentences.push(outcome.othersAhead.length > 0
      ? kb.message('remind_others_ahead', lang, { items: formatList(outcome.othersAhead.map((d) => `${d.name} (${when(d, lang, today)})`), lang) })
      : kb.message('remind_nothing_ahead', lang));
  }
  const shown = [...outcome.scheduled, ...outcome.past];
  return answer('reminders', lang, sentences[0] ?? kb.message('remind_nothing_ahead', lang), {
    title: kb.message('reminders_title', lang),
    tone: outcome.scheduled.length > 0 ? 'good' : 'neutral',
    details: sentences.slice(1),
    facts: shown.map((d) => ({ label: d.name, value: when(d, lang, today) })),
    sources: [...new Set(shown.map((d) => d.source))].map((f) => sourceOf(kb, f, lang)),
    suggestions: outcome.scheduled.length > 0 || outcome.all
      ? reminderSuggestions(kb, lang)
      : outcome.othersAhead.slice(0, 3).map((d) => kb.message('suggest_remind', lang, { name: d.name })),
  });
}

/** "What reminders do I have?" */
export function remindersListAnswer(kb: KnowledgeBase, items: { subscription: Subscription; deadline?: Deadline; next?: ReminderSend }[], lang: Lang): Answer {
  if (items.length === 0) return answer('reminders', lang, kb.message('reminders_none', lang), { title: kb.message('reminders_title', lang) });
  return answer('reminders', lang, kb.message('reminders_list', lang, { count: items.length }), {
    title: kb.message('reminders_title', lang),
    facts: items.map(({ subscription, deadline, next }) => {
      const leads = leadsText(kb, subscription.leadDays, lang);
      return {
        label: deadline?.name ?? kb.message('reminder_all_dates', lang),
        value: next ? kb.message('reminders_next', lang, { leads, date: formatDate(new Date(next.due_at).toISOString().slice(0, 10), lang) }) : leads,
      };
    }),
    suggestions: [kb.message('suggest_reminders_cancel', lang)],
  });
}

/** "Stop the reminders." */
export function remindersCancelledAnswer(kb: KnowledgeBase, count: number, lang: Lang): Answer {
  return answer('reminders', lang, count > 0 ? kb.message('reminders_cancelled', lang, { count }) : kb.message('reminders_cancel_none', lang), {
    title: kb.message('reminders_title', lang),
    suggestions: [kb.message('suggest_reminders_list', lang)],
  });
}

/** The reminder itself, sent on the bot's own initiative. */
export function reminderAnswer(kb: KnowledgeBase, d: Deadline, lang: Lang, today: Date): Answer {
  return answer('reminder', lang, kb.message(d.kind === 'pic' ? 'reminder_pic' : 'reminder_eol', lang, {
    name: d.name, date: formatDate(day(d.date), lang), relative: formatRelative(day(d.date), today, lang),
  }), {
    title: kb.message('reminder_title', lang),
    tone: 'warning',
    sources: [sourceOf(kb, d.source, lang)],
    suggestions: reminderSuggestions(kb, lang),
  });
}
