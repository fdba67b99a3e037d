/** Dates a question gives, in either language ("March 2014", "30 juin"). */

export const MONTHS: Record<string, number> = {
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  janvier: 1,
  fevrier: 2,
  mars: 3,
  avril: 4,
  mai: 5,
  juin: 6,
  juillet: 7,
  aout: 8,
  septembre: 9,
  octobre: 10,
  novembre: 11,
  decembre: 12,
};

/** A day and month named in the question ("1er juin", "june 1", "30 june"). */
/** A month and a year the question gives ("March 2014", "mars 2014"), as written. */
export function askedMonthYear(tokens: readonly string[]): { month: number; year: number; text: string } | undefined {
  for (let i = 0; i + 1 < tokens.length; i++) {
    const month = MONTHS[tokens[i] as string];
    const year = tokens[i + 1] as string;
    if (month && /^(19|20)\d{2}$/.test(year)) return { month, year: Number(year), text: `${tokens[i]} ${year}` };
  }
  return undefined;
}

export function askedDate(tokens: readonly string[]): { day: number; month: number; text: string } | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const month = MONTHS[tokens[i] as string];
    if (!month) continue;
    const before = tokens[i - 1] === 'er' ? tokens[i - 2] : tokens[i - 1];
    const after = tokens[i + 1];
    const day = before && /^\d{1,2}$/.test(before) ? Number(before) : after && /^\d{1,2}$/.test(after) ? Number(after) : undefined;
    if (day) return { day, month, text: `${day} ${tokens[i]}` };
  }
  return undefined;
}
