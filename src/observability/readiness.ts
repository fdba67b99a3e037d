import type { Logger } from 'pino';

/** One part the bot needs to serve: `check` resolves when it is fine and throws (or rejects) when not. */
export interface ReadinessCheck {
  name: string;
  /** What `/readyz` says when the check fails: fixed text, never the exception's (that goes to the log). */
  failure: string;
  check(): Promise<void> | void;
}

/** The `/readyz` body: `ready`, and each part's state, with the failing parts named. */
export interface Readiness {
  status: 'ready' | 'unavailable';
  /** The parts that failed, by name (empty when ready). */
  failing: string[];
  checks: Record<string, { ok: true } | { ok: false; problem: string }>;
}

/**
 * Runs the checks side by side. A part that starts or stops failing is logged once (a warning with the
 * exception's text, then an info line when it recovers), not at every probe.
 */
export function readinessProbe(checks: readonly ReadinessCheck[], logger: Logger): () => Promise<Readiness> {
  const failingBefore = new Set<string>();
  return async () => {
    const results = await Promise.all(
      checks.map(async (c) => {
        try {
          await c.check();
          if (failingBefore.delete(c.name)) logger.info({ check: c.name }, 'readiness: recovered');
          return [c.name, { ok: true }] as const;
        } catch (err) {
          if (!failingBefore.has(c.name)) logger.warn({ check: c.name, err }, `readiness: ${c.failure}`);
          failingBefore.add(c.name);
          return [c.name, { ok: false, problem: c.failure }] as const;
        }
      }),
    );
    const failing = results.filter(([, r]) => !r.ok).map(([name]) => name);
    return { status: failing.length === 0 ? 'ready' : 'unavailable', failing, checks: Object.fromEntries(results) };
  };
}
