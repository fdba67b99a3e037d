import autocannon from 'autocannon';
import { cpuSeconds, type BotProcess } from './botProcess';

/** What one load phase measured. */
export interface LoadResult {
  turnsPerSecond: number;
  /** Latencies of 2xx responses, ms (autocannon's own histogram keeps whole milliseconds only). */
  p50: number;
  p99: number;
  sent: number;
  completed: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Replies the connector stand-in received for this phase. */
  replies: number;
  /** CPU used during the phase, as a share of one core: the bot, and the bench process (load + stand-in). */
  botCpu: number;
  benchCpu: number;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
  /** Request body `i` of the stream. */
  body(i: number): string;
  /** Replies received so far by the connector stand-in. */
  replies(): number;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number);
}

/** Waits until the stand-in has as many replies as requests were sent (turns still running at the end). */
async function settle(replies: () => number, expected: number): Promise<void> {
  const until = performance.now() + 5000;
  let last = -1;
  let stableSince = performance.now();
  while (performance.now() < until) {
    const now = replies();
    if (now !== last) {
      last = now;
      stableSince = performance.now();
    }
    // Also wait a little past the expected count, so that a bot sending two replies would show it.
    if (now >= expected && performance.now() - stableSince > 200) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Drives a bot with autocannon: `connections` keep-alive connections POSTing the request stream (from
 * its first request) to /api/messages for `seconds`.
 */
export async function runLoad(bot: BotProcess, o: LoadOptions): Promise<LoadResult> {
  let next = 0;
  const latencies: number[] = [];
  const repliesBefore = o.replies();
  const pid = bot.child.pid as number;
  const cpuBefore = { bot: cpuSeconds(pid), bench: process.cpuUsage() };
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: bot.url,
        connections: o.connections,
        duration: o.seconds,
        headers: { 'content-type': 'application/json' },
        requests: [{ method: 'POST', path: '/api/messages', setupRequest: (req) => ({ ...req, body: o.body(next++) }) }],
      },
      (err, r) => (err ? reject(err) : resolve(r)),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });
  const elapsed = (performance.now() - started) / 1000;
  const bench = process.cpuUsage(cpuBefore.bench);
  const botCpu = (cpuSeconds(pid) - cpuBefore.bot) / elapsed;
  await settle(() => o.replies() - repliesBefore, result.requests.sent);
  const sorted = Float64Array.from(latencies).sort();
  return {
    turnsPerSecond: result.requests.total / result.duration,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    sent: result.requests.sent,
    completed: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    replies: o.replies() - repliesBefore,
    botCpu,
    benchCpu: (bench.user + bench.system) / 1e6 / elapsed,
  };
}

/** What went wrong in a load phase, if anything: non-2xx, connection errors, a missing or extra reply. */
export function loadProblems(r: LoadResult): string[] {
  const out: string[] = [];
  if (r.non2xx > 0) out.push(`${r.non2xx} non-2xx responses`);
  if (r.errors > 0) out.push(`${r.errors} connection errors (${r.timeouts} timeouts)`);
  if (r.replies !== r.sent) out.push(`${r.sent} requests sent but ${r.replies} replies received`);
  return out;
}
