/**
 * `npm run bench:reminders`: how fast due reminders go out, and proof that pacing holds.
 *
 * 1. Pacing off: N reminders due now, one per conversation, on SQLite, delivered by the real scheduler
 *    through `continueConversationAsync` over HTTP to a local connector stand-in: sends per second.
 * 2. Pacing on (defaults: 1 message per second per conversation, 20 per second overall): a burst to a
 *    few conversations; prints the smallest gap seen within a conversation and the overall rate.
 * 3. Start-up rescheduling of 100,000 subscriptions on SQLite and PostgreSQL (`bench/reschedule.ts`):
 *    a restart with the same dates, a moved date, an added date.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { createApp } from '../src/app';
import { parseConfig } from '../src/config';
import type { Deadline } from '../src/knowledge/knowledgeBase';
import { ConnectorStandIn } from './lib/connectorStandIn';
import { benchReschedule } from './bench/reschedule';

const N = Number(process.env.BENCH_REMINDERS ?? 2000);

function knowledgeWithEntry(dir: string, date: string): string {
  const kb = join(dir, 'knowledge');
  cpSync(resolve(__dirname, '../knowledge'), kb, { recursive: true });
  const file = join(kb, 'end-of-life.yaml');
  const data = parse(readFileSync(file, 'utf8')) as { entries: unknown[] };
  data.entries = [
    {
      id: 'bench',
      name: 'Bench entry',
      aliases: ['bench entry'],
      date,
      description: { en: 'x', fr: 'x' },
      source: '003_66c8802f7532fe68.txt',
    },
  ];
  writeFileSync(file, stringify(data));
  return kb;
}

async function run(
  label: string,
  conversations: number,
  perConversation: number,
  env: Record<string, string>,
): Promise<{ ms: number; times: Map<string, number[]> }> {
  const dir = mkdtempSync(join(tmpdir(), 'lync-bench-'));
  const connector = new ConnectorStandIn();
  const serviceUrl = await connector.start();
  const now = Date.now();
  const date = new Date(now + 10 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const app = await createApp(
    parseConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`,
      KNOWLEDGE_DIR: knowledgeWithEntry(dir, date),
      REMINDER_POLL_MS: '20',
      ...env,
    }),
  );
  const { store } = app.reminders;
  const deadline = app.kb.deadlines().find((d) => d.id === 'eol:bench') as Deadline;
  for (let c = 0; c < conversations; c++) {
    await store.saveReference(
      {
        channelId: 'msteams',
        serviceUrl,
        conversation: { id: `c${c}`, isGroup: false, conversationType: 'personal', name: '' },
        bot: { id: 'b', name: 'b' },
        user: { id: 'u', name: 'u' },
      },
      now,
    );
    await store.subscribe(
      {
        conversationKey: `msteams:c${c}`,
        target: 'eol:bench',
        leadMinutes: Array.from({ length: perConversation }, (_, i) => i * 1440),
        lang: 'en',
      },
      [deadline],
      now,
    );
  }
  await app.database.db.updateTable('reminder_sends').set({ next_attempt_at: now }).execute();
  const total = conversations * perConversation;
  const times = new Map<string, number[]>();
  // Start-up reschedules every subscription from the knowledge base before the scheduler starts; the
  // clock starts when the scheduler does.
  await app.start();
  const started = performance.now();
  while (connector.received.length < total) await new Promise((r) => setTimeout(r, 5));
  const ms = performance.now() - started;
  for (const r of connector.received) times.set(r.conversationId, [...(times.get(r.conversationId) ?? []), r.at]);
  await app.stop();
  await connector.stop();
  rmSync(dir, { recursive: true, force: true });
  console.log(`${label}: ${total} reminders in ${(ms / 1000).toFixed(2)} s`);
  return { ms, times };
}

async function main(): Promise<void> {
  console.log(`bench:reminders on SQLite, ${cpus().length} cores, Node ${process.version}`);
  const off = await run('pacing off', N, 1, {
    REMINDERS_PER_SECOND: '0',
    REMINDER_CONVERSATION_INTERVAL_MS: '0',
    REMINDER_CONCURRENCY: '16',
  });
  const rate = N / (off.ms / 1000);
  console.log(`  → ${rate.toFixed(0)} sends/s (target ≥ 500/s): ${rate >= 500 ? 'met' : 'NOT met'}`);
  const on = await run('pacing on (1/s per conversation, 20/s overall)', 3, 5, {});
  let minGap = Infinity;
  const all: number[] = [];
  for (const t of on.times.values()) {
    t.sort((a, b) => a - b);
    all.push(...t);
    for (let i = 1; i < t.length; i++) minGap = Math.min(minGap, (t[i] as number) - (t[i - 1] as number));
  }
  all.sort((a, b) => a - b);
  const overall = (all.length - 1) / (((all[all.length - 1] as number) - (all[0] as number)) / 1000);
  console.log(
    `  → smallest gap within a conversation: ${minGap} ms (must be ≥ 990: 1 s, less a few ms of network jitter); overall ${overall.toFixed(1)} msg/s (must be ≤ 20)`,
  );
  const wide = await run('pacing on, 60 conversations', 60, 1, {});
  const arrivals = [...wide.times.values()].flat().sort((a, b) => a - b);
  const wideRate = (arrivals.length - 1) / (((arrivals[arrivals.length - 1] as number) - (arrivals[0] as number)) / 1000);
  console.log(`  → overall ${wideRate.toFixed(1)} msg/s (global limit 20/s)`);
  const rescheduled = await benchReschedule(Number(process.env.BENCH_SUBSCRIPTIONS ?? 100_000));
  if (rate < 500 || minGap < 990 || overall > 20 || wideRate > 20.5 || !rescheduled) process.exitCode = 1;
}

void main();
