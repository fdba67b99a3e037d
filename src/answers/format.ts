import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import type { Lang } from '../knowledge/schema';

const LOCALES: Record<Lang, string> = { en: 'en-GB', fr: 'fr-FR' };

/** The BCP-47 locale the bot writes a language in (dates, lists, reply `locale`). */
export function localeOf(lang: Lang): string {
  return LOCALES[lang];
}

/** Building an Intl formatter costs far more than using one: one of each per language, made once. */
function perLang<T>(make: (locale: string) => T): (lang: Lang) => T {
  const made = new Map<Lang, T>();
  return (lang) => {
    let f = made.get(lang);
    if (!f) {
      f = make(LOCALES[lang]);
      made.set(lang, f);
    }
    return f;
  };
}

const dateFormat = perLang((l) => new Intl.DateTimeFormat(l, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }));
const monthFormat = perLang((l) => new Intl.DateTimeFormat(l, { month: 'long', year: 'numeric', timeZone: 'UTC' }));
const relativeFormat = perLang((l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }));
const listFormat = perLang((l) => new Intl.ListFormat(l, { style: 'long', type: 'conjunction' }));

/** "30 June 2014" / "30 juin 2014", "1er septembre 2012". */
export function formatDate(isoDate: string, lang: Lang): string {
  const text = dateFormat(lang).format(new Date(`${isoDate}T00:00:00Z`));
  // French writes the first day of a month as an ordinal.
  return lang === 'fr' ? text.replace(/^1 /, '1er ') : text;
}

/** "May 2013" / "mai 2013": a date known to the month. */
export function formatMonth(isoDate: string, lang: Lang): string {
  return monthFormat(lang).format(new Date(`${isoDate}T00:00:00Z`));
}

const DAY = 86_400_000;

/** Whole days from `today` to an ISO date (negative when the date is past). */
export function daysUntil(isoDate: string, today: Date): number {
  const date = Date.parse(`${isoDate}T00:00:00Z`);
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.round((date - start) / DAY);
}

/** Whole calendar months from `a` to `b` (UTC dates), rounded toward zero. */
function monthsBetween(a: Date, b: Date): number {
  const sign = b >= a ? 1 : -1;
  const [from, to] = sign > 0 ? [a, b] : [b, a];
  let months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  if (to.getUTCDate() < from.getUTCDate()) months--;
  return sign * months;
}

/** "12 years ago", "in 3 days", "today" / "il y a 12 ans", "dans 3 jours", "aujourd’hui". */
export function formatRelative(isoDate: string, today: Date, lang: Lang): string {
  const days = daysUntil(isoDate, today);
  const rtf = relativeFormat(lang);
  if (Math.abs(days) < 60) return rtf.format(days, 'day');
  const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  const months = monthsBetween(start, new Date(`${isoDate}T00:00:00Z`));
  return Math.abs(months) >= 12 ? rtf.format(Math.trunc(months / 12), 'year') : rtf.format(months, 'month');
}

const yearFormat = perLang((l) => new Intl.NumberFormat(l, { style: 'unit', unit: 'year', unitDisplay: 'long' }));
const monthCount = perLang((l) => new Intl.NumberFormat(l, { style: 'unit', unit: 'month', unitDisplay: 'long' }));
const dayCount = perLang((l) => new Intl.NumberFormat(l, { style: 'unit', unit: 'day', unitDisplay: 'long' }));

/** The time from one date to a later one: "1 year and 9 months", "10 months", "12 days" / "1 an et 9 mois". */
export function formatDuration(fromIso: string, toIso: string, lang: Lang): string {
  const from = new Date(`${fromIso}T00:00:00Z`);
  const to = new Date(`${toIso}T00:00:00Z`);
  const months = Math.abs(monthsBetween(from, to));
  if (months === 0) return dayCount(lang).format(Math.abs(Math.round((to.getTime() - from.getTime()) / 86_400_000)));
  const years = Math.trunc(months / 12);
  const parts = [
    ...(years > 0 ? [yearFormat(lang).format(years)] : []),
    ...(months % 12 > 0 ? [monthCount(lang).format(months % 12)] : []),
  ];
  // (With plain spaces, as the other formatters write: Intl puts a no-break space inside "1 an".)
  return formatList(parts, lang).replace(/[\u00a0\u202f]/g, ' ');
}

/** "A, B and C" / "A, B et C". */
export function formatList(items: readonly string[], lang: Lang): string {
  return listFormat(lang).format(items);
}

/** The `sources` entry of an answer for a seed file. */
export function sourceOf(kb: KnowledgeBase, file: string, lang: Lang): { file: string; title: string; url: string } {
  const s = kb.source(file);
  return { file, title: s ? s.title[lang] : file, url: s ? s.url : '' };
}

/** A colon or a semicolon as each language writes it: French puts a space before (": " / " : ", "; " / " ; "). */
export function punctuation(mark: ':' | ';', lang: Lang): string {
  return lang === 'fr' ? ` ${mark} ` : `${mark} `;
}

/** Lower-cases the first letter, for a label used inside a sentence ("Supported" → "supported"). */
export function inSentence(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}
