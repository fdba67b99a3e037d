import type { Lang } from '../knowledge/schema';
import { fold } from './normalize';

const ACCENTED = /[àâäçéèêëîïôöùûüÿœ]/i;
/** French typography: a space before ? ! : ; ("AOL : audio possible ?"). */
const FRENCH_SPACING = /\w[ \u00a0\u202f][?!:;]/;

/** The detector's words per language (`language.yaml`, `detector`), as sets of folded words. */
export interface LanguageWords {
  en: ReadonlySet<string>;
  fr: ReadonlySet<string>;
}

/** Compiles `language.yaml`'s detector lists. */
export function languageWords(lists: { en: readonly string[]; fr: readonly string[] }): LanguageWords {
  return { en: new Set(lists.en.map((w) => fold(w))), fr: new Set(lists.fr.map((w) => fold(w))) };
}

/**
 * Decides whether a message is English or French from its function words (accented letters and French
 * spacing before ? ! : ; count for French). Ties, such as a bare product name, keep the conversation's language. `folded` is `fold(text)`,
 * when the caller has it already.
 */
export function detectLanguage(text: string, words: LanguageWords, fallback: Lang = 'en', folded = fold(text)): Lang {
  let en = 0;
  let fr = (ACCENTED.test(text) ? 2 : 0) + (FRENCH_SPACING.test(text) ? 1 : 0);
  for (const word of folded.split(' ')) {
    if (words.en.has(word)) en++;
    if (words.fr.has(word)) fr++;
  }
  if (en === fr) return fallback;
  return fr > en ? 'fr' : 'en';
}
