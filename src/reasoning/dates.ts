/** Dates a question gives, in either language ("March 2014", "30 juin"), with the month names of language.yaml. */

/** A month and a year the question gives ("March 2014", "mars 2014"), as written. */
export function askedMonthYear(
  tokens: readonly string[],
  months: ReadonlyMap<string, number>,
): { month: number; year: number; text: string } | undefined {
  for (let i = 0; i + 1 < tokens.length; i++) {
    const month = months.get(tokens[i] as string);
    const year = tokens[i + 1] as string;
    if (month && /^(19|20)\d{2}$/.test(year)) return { month, year: Number(year), text: `${tokens[i]} ${year}` };
  }
  return undefined;
}

/** A day and month named in the question ("1er juin", "june 1", "30 june"). */
export function askedDate(
  tokens: readonly string[],
  months: ReadonlyMap<string, number>,
): { day: number; month: number; text: string } | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const month = months.get(tokens[i] as string);
    if (!month) continue;
    const before = tokens[i - 1] === 'er' ? tokens[i - 2] : tokens[i - 1];
    const after = tokens[i + 1];
    const day = before && /^\d{1,2}$/.test(before) ? Number(before) : after && /^\d{1,2}$/.test(after) ? Number(after) : undefined;
    if (day) return { day, month, text: `${day} ${tokens[i]}` };
  }
  return undefined;
}
