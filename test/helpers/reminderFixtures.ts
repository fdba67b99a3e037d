import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectorStandIn } from '../../scripts/lib/connectorStandIn';
import type { Deadline } from '../../src/knowledge/knowledgeBase';
import type { ReminderStore } from '../../src/reminders/reminderStore';
import { type BotProcess, bundleArgs, startBotProcess } from './botProcess';
import { copyKnowledge, editYaml } from './knowledge';

/** An end-of-life deadline as the knowledge base gives it, for store and scheduler tests. */
export const testDeadline = (id: string, date: string): Deadline => ({
  id,
  kind: 'eol',
  entityId: id,
  name: id,
  date,
  source: '003_66c8802f7532fe68.txt',
});

/** An instant as end-of-life.yaml writes it (`2026-12-01T10:00:00Z`). */
function instant(at: number): string {
  return new Date(at).toISOString().replace(/\.\d+Z$/, 'Z');
}

/**
 * A knowledge copy whose end-of-life entries are the Contoso IM gateway at `contosoAt` (an instant) and,
 * with `fabrikam`, the Fabrikam bridge on 1 January 2099 (a plain date far ahead).
 */
export function knowledgeWithGateway(contosoAt: number, fabrikam = false): string {
  const dir = copyKnowledge();
  editYaml(dir, 'end-of-life.yaml', (data) => {
    data.entries = [
      {
        id: 'contoso-gateway',
        name: 'Contoso IM gateway',
        aliases: ['contoso gateway', 'passerelle contoso'],
        date: instant(contosoAt),
        description: { en: 'The Contoso IM gateway stops federating.', fr: 'La passerelle Contoso cesse la fédération.' },
        source: '003_66c8802f7532fe68.txt',
      },
      ...(fabrikam
        ? [
            {
              id: 'fabrikam-bridge',
              name: 'Fabrikam bridge',
              aliases: ['fabrikam bridge', 'pont fabrikam'],
              date: '2099-01-01',
              description: { en: 'The Fabrikam bridge is retired.', fr: 'Le pont Fabrikam est retiré.' },
              source: '003_66c8802f7532fe68.txt',
            },
          ]
        : []),
    ];
  });
  return dir;
}

/**
 * `count` Teams conversations (`msteams:c0`…) whose references point at `serviceUrl`, each subscribed to a
 * deadline on the day; `target` gives each one's subscription target (the deadline by default).
 */
export async function seedSubscribers(
  store: ReminderStore,
  options: {
    count: number;
    serviceUrl: string;
    deadline: Deadline;
    now: number;
    target?: (i: number) => string;
  },
): Promise<void> {
  const { count, serviceUrl, deadline, now } = options;
  for (let i = 0; i < count; i++) {
    await store.saveReference(
      {
        channelId: 'msteams',
        serviceUrl,
        conversation: { id: `c${i}`, isGroup: false, conversationType: 'personal', name: '' },
        bot: { id: 'b', name: 'b' },
        user: { id: 'u', name: 'u' },
      },
      now,
    );
    await store.subscribe(
      { conversationKey: `msteams:c${i}`, target: options.target?.(i) ?? deadline.id, leadMinutes: [0], lang: 'en' },
      [deadline],
      now,
    );
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits until `what()` holds, at most `timeoutMs`; says whether it holds. */
export async function until(what: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!what() && Date.now() < end) await sleep(20);
  return what();
}

/**
 * For the tests that stop bots a little before a date and start them again after it: runs `attempt` with
 * a date `lead` ms ahead, the shortest lead first. An attempt whose set-up took so long that the date is
 * nearer than `stopBeforeMs` when the bots should stop (a loaded machine) calls `tooLate()`, which
 * abandons it; the next attempt starts afresh with more room. Fails when the longest lead was not enough.
 */
export async function aroundDate(
  leadsMs: readonly number[],
  stopBeforeMs: number,
  attempt: (date: number, tooLate: () => boolean) => Promise<'done' | 'too late'>,
): Promise<void> {
  for (const lead of leadsMs) {
    const date = Date.now() + lead;
    if ((await attempt(date, () => Date.now() > date - stopBeforeMs)) === 'done') return;
  }
  throw new Error(`the set-up before the date took longer than ${Math.max(...leadsMs)} ms`);
}

/**
 * For a suite of bot processes around reminder dates: registers the hooks (the bundle `npm start` runs,
 * a fresh folder and connector stand-in per test, every process killed after it) and gives `start`,
 * which runs a bot on an SQLite file in `sqliteDir` (the test's folder by default).
 */
export function reminderBotProcesses(): {
  readonly dir: string;
  readonly connector: ConnectorStandIn;
  start(env: Record<string, string>, sqliteDir?: string): BotProcess;
} {
  let botArgs: string[] = [];
  const children: ChildProcess[] = [];
  let dir = '';
  let connector: ConnectorStandIn | undefined;
  before(async () => {
    botArgs = await bundleArgs();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lync-restart-'));
    connector = new ConnectorStandIn();
  });
  afterEach(async () => {
    for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await connector?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    get connector() {
      return connector as ConnectorStandIn;
    },
    start(env, sqliteDir = dir) {
      const bot = startBotProcess(
        botArgs,
        { PORT: '0', LOG_LEVEL: 'info', DATABASE_URL: `sqlite:${join(sqliteDir, 'bot.sqlite')}`, REMINDER_POLL_MS: '50', ...env },
        sqliteDir,
      );
      children.push(bot.child);
      return bot;
    },
  };
}
