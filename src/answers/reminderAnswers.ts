import type { Deadline, KnowledgeBase } from '../knowledge/knowledgeBase';
import type { Lang } from '../knowledge/schema';
import type { ListedSubscription, SubscribeOutcome } from '../reminders/reminderService';
import { deadlineInstant, MINUTES_PER_DAY } from '../reminders/schedule';
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

/** One lead time: "30 days before", "the day before", "2 hours before", "on the day". */
function leadText(kb: KnowledgeBase, minutes: number, lang: Lang): string {
  if (minutes === 0) return kb.message('lead_zero', lang);
  if (minutes % MINUTES_PER_DAY === 0) {
    const n = minutes / MINUTES_PER_DAY;
    return n === 1 ? kb.message('lead_one_day', lang) : kb.message('lead_days', lang, { n });
  }
  if (minutes % 60 === 0) return minutes === 60 ? kb.message('lead_one_hour', lang) : kb.message('lead_hours', lang, { n: minutes / 60 });
  return kb.message('lead_minutes', lang, { n: minutes });
}

/** "30 days before, 7 days before, the day before and on the day". */
export function leadsText(kb: KnowledgeBase, leadMinutes: readonly number[], lang: Lang): string {
  return formatList(
    [...leadMinutes].sort((a, b) => b - a).map((m) => leadText(kb, m, lang)),
    lang,
  );
}

/** "1 December 2026 at 09:00 UTC". */
export function instantText(kb: KnowledgeBase, at: number, lang: Lang): string {
  const iso = new Date(at).toISOString();
  return kb.message('at_time', lang, { date: formatDate(iso.slice(0, 10), lang), time: iso.slice(11, 16) });
}

function pastSentence(kb: KnowledgeBase, d: Deadline, lang: Lang, today: Date): string {
  return kb.message(d.kind === 'pic' ? 'remind_past_pic' : 'remind_past_eol', lang, {
    name: d.name,
    date: formatDate(day(d.date), lang),
    relative: formatRelative(day(d.date), today, lang),
  });
}

const reminderSuggestions = (kb: KnowledgeBase, lang: Lang): string[] => [
  kb.message('suggest_reminders_list', lang),
  kb.message('suggest_reminders_cancel', lang),
];

/**
 * The reply to "remind me …": what was scheduled and when the next one goes out, what had been set
 * before, lead times that cannot be honoured (too late, too far), what has already passed, what else is
 * ahead.
 */
export function subscribedAnswer(kb: KnowledgeBase, outcome: SubscribeOutcome, lang: Lang, today: Date): Answer {
  const sentences: string[] = [];
  const names = (ds: readonly Deadline[]): string =>
    formatList(
      ds.map((d) => d.name),
      lang,
    );
  const target = outcome.all ? kb.message('reminder_all_dates', lang).toLowerCase() : names(outcome.scheduled);
  if (outcome.scheduled.length > 0 || (outcome.all && outcome.asked.length > 0)) {
    sentences.push(kb.message('remind_scheduled', lang, { names: target }));
    if (outcome.previous && !outcome.replaced) {
      const added = outcome.asked.filter((m) => !outcome.previous?.includes(m));
      if (added.length > 0)
        sentences.push(
          kb.message('remind_added', lang, {
            before: leadsText(kb, outcome.previous, lang),
            names: target,
            added: leadsText(kb, added, lang),
          }),
        );
    } else if (outcome.previous && outcome.replaced) {
      sentences.push(kb.message('remind_replaced', lang, { before: leadsText(kb, outcome.previous, lang), names: target }));
    }
    sentences.push(kb.message('remind_when', lang, { leads: leadsText(kb, outcome.leadMinutes, lang) }));
    if (outcome.next)
      sentences.push(
        kb.message('remind_next', lang, { when: `${instantText(kb, outcome.next.at, lang)} (${outcome.next.deadline.name})` }),
      );
  } else if (outcome.tooClose.length > 0) {
    sentences.push(kb.message('remind_none_possible', lang, { names: names(outcome.tooClose) }));
  }
  for (const t of outcome.tooLate) {
    sentences.push(
      kb.message('remind_too_late', lang, {
        leads: leadsText(kb, t.leadMinutes, lang),
        name: t.deadline.name,
        date: instantText(kb, deadlineInstant(t.deadline.date), lang),
      }),
    );
  }
  if (outcome.tooFar.length > 0) sentences.push(kb.message('remind_too_far', lang, { leads: leadsText(kb, outcome.tooFar, lang) }));
  if (outcome.restored.length > 0) sentences.push(kb.message('remind_restored', lang, { names: names(outcome.restored) }));
  sentences.push(...outcome.past.map((d) => pastSentence(kb, d, lang, today)));
  if (outcome.all && outcome.scheduled.length === 0) sentences.push(kb.message('remind_all_none_ahead', lang));
  if (!outcome.all && outcome.scheduled.length === 0 && outcome.tooClose.length === 0) {
    sentences.push(
      outcome.othersAhead.length > 0
        ? kb.message('remind_others_ahead', lang, {
            items: formatList(
              outcome.othersAhead.map((d) => `${d.name} (${when(d, lang, today)})`),
              lang,
            ),
          })
        : kb.message('remind_nothing_ahead', lang),
    );
  }
  const shown = [...outcome.scheduled, ...outcome.tooClose, ...outcome.past];
  return answer('reminders', lang, sentences[0] ?? kb.message('remind_nothing_ahead', lang), {
    title: kb.message('reminders_title', lang),
    tone: outcome.scheduled.length > 0 ? 'good' : 'neutral',
    details: sentences.slice(1),
    facts: shown.map((d) => ({ label: d.name, value: when(d, lang, today) })),
    sources: [...new Set(shown.map((d) => d.source))].map((f) => sourceOf(kb, f, lang)),
    suggestions:
      outcome.scheduled.length > 0 || outcome.all
        ? reminderSuggestions(kb, lang)
        : outcome.othersAhead.slice(0, 3).map((d) => kb.message('suggest_remind', lang, { name: d.name })),
  });
}

/** "What reminders do I have?": each subscription, its lead times and its next send with time and zone. */
export function remindersListAnswer(kb: KnowledgeBase, items: readonly ListedSubscription[], lang: Lang): Answer {
  if (items.length === 0)
    return answer('reminders', lang, kb.message('reminders_none', lang), { title: kb.message('reminders_title', lang) });
  return answer('reminders', lang, kb.message('reminders_list', lang, { count: items.length }), {
    title: kb.message('reminders_title', lang),
    facts: items.map(({ subscription, deadline, next, except }) => {
      const leads = leadsText(kb, subscription.leadMinutes, lang);
      const label =
        deadline?.name ??
        (except
          ? kb.message('reminders_all_except', lang, {
              names: formatList(
                except.map((d) => d.name),
                lang,
              ),
            })
          : kb.message('reminder_all_dates', lang));
      return { label, value: next ? kb.message('reminders_next', lang, { leads, date: instantText(kb, next.due_at, lang) }) : leads };
    }),
    suggestions: [kb.message('suggest_reminders_cancel', lang)],
  });
}

/** "Stop the reminders" / "cancel the Yahoo reminder". */
export function remindersCancelledAnswer(kb: KnowledgeBase, count: number, lang: Lang, dates: readonly Deadline[] = []): Answer {
  const headline =
    count === 0
      ? kb.message('reminders_cancel_none', lang)
      : dates.length > 0
        ? kb.message('reminders_cancelled_dates', lang, {
            names: formatList(
              dates.map((d) => d.name),
              lang,
            ),
          })
        : kb.message('reminders_cancelled', lang, { count });
  return answer('reminders', lang, headline, {
    title: kb.message('reminders_title', lang),
    suggestions: [kb.message('suggest_reminders_list', lang)],
  });
}

/** Delivered more than this after its time, a reminder says it comes late. */
export const LATE_AFTER_MS = 5 * 60_000;

/**
 * The reminder itself, sent on the bot's own initiative. `dueAt`: when it was meant to go out; sent
 * later than `lateAfterMs` after that (the bot was down), it says so.
 */
export function reminderAnswer(
  kb: KnowledgeBase,
  d: Deadline,
  lang: Lang,
  today: Date,
  dueAt?: number,
  lateAfterMs = LATE_AFTER_MS,
): Answer {
  // The on-the-day reminder goes out at the deadline's instant: "reaches … today" unless it comes late.
  const past = today.getTime() - deadlineInstant(d.date) > lateAfterMs;
  const key = d.kind === 'pic' ? (past ? 'reminder_pic_past' : 'reminder_pic') : past ? 'reminder_eol_past' : 'reminder_eol';
  const late = dueAt !== undefined && today.getTime() - dueAt > lateAfterMs;
  return answer(
    'reminder',
    lang,
    kb.message(key, lang, {
      name: d.name,
      date: formatDate(day(d.date), lang),
      relative: formatRelative(day(d.date), today, lang),
    }),
    {
      title: kb.message('reminder_title', lang),
      tone: 'warning',
      ...(late ? { details: [kb.message('reminder_late', lang, { when: instantText(kb, dueAt, lang) })] } : {}),
      sources: [sourceOf(kb, d.source, lang)],
      suggestions: reminderSuggestions(kb, lang),
    },
  );
}
