/** Longest Authorization header looked at; Bot Connector tokens are a few kilobytes. */
const MAX_HEADER = 16 * 1024;

function jsonObject(part: string): boolean {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * Whether an Authorization header is at least shaped like a bearer JWT: `Bearer <header>.<payload>.<sig>`
 * with a header and a payload that decode to JSON objects. botbuilder's token check throws a plain
 * SyntaxError on a payload that is not JSON, which would become a 500; such headers are refused first.
 */
export function looksLikeBearerJwt(header: string): boolean {
  if (header.length > MAX_HEADER) return false;
  const match = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]*)$/.exec(header);
  return match !== null && jsonObject(match[1] as string) && jsonObject(match[2] as string);
}
