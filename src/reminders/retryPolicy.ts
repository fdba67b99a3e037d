/** What to do after a failed proactive send. */
export type SendVerdict =
  | { action: 'retry'; delayMs: number }
  | { action: 'deactivate'; reason: string }
  | { action: 'fail'; reason: string };

export interface RetryOptions {
  /** Attempts in all (the first send included) before a send is marked failed. */
  maxAttempts: number;
  /** First backoff; doubled on each attempt. */
  baseDelayMs: number;
  /** Cap of one backoff. */
  maxDelayMs: number;
  /** Random number in [0, 1), for jitter (tests pass a fixed one). */
  random?: () => number;
}

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000 };

/** The HTTP status of a failed connector call, as botbuilder's connector client reports it. */
export function statusOf(error: unknown): number | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } };
  const status = e.statusCode ?? e.status ?? e.response?.status;
  return typeof status === 'number' ? status : undefined;
}

/** `Retry-After` of a failed connector call in milliseconds (seconds or an HTTP date), if any. */
export function retryAfterMs(error: unknown, now = Date.now()): number | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const response = (error as { response?: { headers?: unknown } }).response;
  const headers = response?.headers as { get?: (name: string) => string | undefined | null } | Record<string, unknown> | undefined;
  if (!headers) return undefined;
  const raw = typeof headers.get === 'function' ? headers.get('retry-after') : (headers as Record<string, unknown>)['retry-after'];
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(String(raw));
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/**
 * Decides after a failure: 429 → retry after `Retry-After` or an exponential backoff with full jitter;
 * 403 / 404 (the bot was removed or blocked) → deactivate the subscription and drop the reference; anything
 * else → retry with backoff, then fail after `maxAttempts`.
 */
export function verdictFor(error: unknown, attempt: number, options: RetryOptions = DEFAULT_RETRY): SendVerdict {
  const status = statusOf(error);
  if (status === 403 || status === 404) return { action: 'deactivate', reason: `HTTP ${status}` };
  if (attempt >= options.maxAttempts)
    return {
      action: 'fail',
      reason: status ? `HTTP ${status} after ${attempt} attempts` : `${messageOf(error)} after ${attempt} attempts`,
    };
  const random = options.random ?? Math.random;
  const backoff = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.round(backoff / 2 + random() * (backoff / 2));
  if (status === 429) {
    const after = retryAfterMs(error);
    // Never before Retry-After; a little jitter on top so throttled senders do not all return at once.
    return { action: 'retry', delayMs: after !== undefined ? Math.max(after + Math.round(random() * 250), jittered) : jittered };
  }
  return { action: 'retry', delayMs: jittered };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
