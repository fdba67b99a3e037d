/**
 * Text normalisation shared by entity extraction, the classifier and the knowledge loader, so that an
 * alias written in `knowledge/` and a user's message are compared in the same form.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NON_ALNUM = /[^a-z0-9]+/g;
const ARROWS = /\s*(?:->|=>|→|⇒|-->)\s*/g;
/** Short letter-digit words kept whole: "p2p", "b2b". */
const KEEP_WHOLE = /^[a-z]\d[a-z]$/;

/**
 * Lower-case, strip accents, turn punctuation into spaces. `arrow`: what an arrow between two products reads
 * as — a move, "ocs -> lync 2013" is "ocs to lync 2013" — or a space, for telling the language apart
 * ("bascule GC -> PC" is not English for its arrow).
 */
export function fold(text: string, arrow = ' to '): string {
  return text
    .replace(ARROWS, arrow)
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(NON_ALNUM, ' ')
    .trim();
}

/**
 * Splits a folded word where letters meet digits ("lync2010" → "lync 2010", "ocs2007r2" → "ocs 2007 r2"),
 * keeping a single letter glued to the digits after it ("r2"), but for the "x" of a size ("648x648").
 */
function splitWord(word: string): string[] {
  if (KEEP_WHOLE.test(word) || !/\d/.test(word) || !/[a-z]/.test(word)) return [word];
  const runs = word.match(/[a-z]+|\d+/g) ?? [word];
  const out: string[] = [];
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i] as string;
    const next = runs[i + 1];
    // (Not the "x" of a size: "648x648" is 648 x 648.)
    const size = run === 'x' && /\d/.test(runs[i - 1] ?? '');
    if (run.length === 1 && /[a-z]/.test(run) && next !== undefined && /\d/.test(next) && !size) {
      out.push(run + next);
      i++;
    } else {
      out.push(run);
    }
  }
  return out;
}

/** Normalised tokens of a text: folded, split at letter/digit boundaries. */
export function tokenize(text: string): string[] {
  return tokensOfFolded(fold(text));
}

/** `tokenize` for a text already folded (the NLU folds a message once for language and tokens). */
export function tokensOfFolded(folded: string): string[] {
  if (folded === '') return [];
  const tokens: string[] = [];
  for (const word of folded.split(' ')) tokens.push(...splitWord(word));
  return tokens;
}

/** Normalised form of a whole phrase, for equality checks (aliases, duplicates). */
export function normalizePhrase(text: string): string {
  return tokenize(text).join(' ');
}

/**
 * A message's sentences and the one that asks: its last sentence ending with "?" (a statement may follow it:
 * "do any of them need replacing? we have lync 2010 and the attendee"), else its last. Sentences end at
 * ".", "!", "?", ":" or ";". The classifier and the reasoning layer read the question's own sentence by it.
 */
export function questionSentences(text: string): { sentences: string[]; asked: number } {
  const sentences = text.trim().split(/(?<=[.!?:;])\s+/);
  const asking = sentences.map((x) => x.trim().endsWith('?')).lastIndexOf(true);
  return { sentences, asked: asking >= 0 ? asking : sentences.length - 1 };
}
