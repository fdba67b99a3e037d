/**
 * Folds a question so that the same question typed twice is counted once: Unicode compatibility forms,
 * case, runs of white space and trailing punctuation do not matter ("Is Lync 2010  supported?" and
 * "is lync 2010 supported" share a key). Stored beside the question so that grouping is plain SQL.
 */
export function questionKey(question: string): string {
  return question
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s?!.…。？！]+$/u, '');
}

/**
 * Longest question kept, in characters. A chat message can be tens of kilobytes; the knowledge-base owner
 * needs the gist, and one pasted log must not bloat the tables.
 */
export const MAX_QUESTION_LENGTH = 2000;

/** The question as written, cut to `MAX_QUESTION_LENGTH` (on a code-point boundary). */
export function clipQuestion(question: string): string {
  if (question.length <= MAX_QUESTION_LENGTH) return question;
  return Array.from(question).slice(0, MAX_QUESTION_LENGTH).join('');
}
