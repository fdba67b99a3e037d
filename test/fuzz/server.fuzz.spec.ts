import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emulatorMessage, post, teamsChannelMessage, visibleText } from '../../scripts/lib/activities';
import { ConnectorStandIn } from '../../scripts/lib/connectorStandIn';
import { bundleArgs, listeningPort, startBotProcess, type BotProcess } from '../helpers/botProcess';

/**
 * Each run draws new requests: FUZZ_SEED (else the time) seeds them, and the seed is printed and named in
 * any failure, so that `FUZZ_SEED=<seed> npx mocha test/fuzz/server.fuzz.spec.ts` draws the same ones
 * again. FUZZ_RUNS sets how many (4,000 by default; many runs over the project's life cover more than
 * one large fixed sample would).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 4_000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

/** A body as raw text: JSON of something activity-like, mutated, or anything at all. */
function bodies(serviceUrl: string): fc.Arbitrary<string> {
  const text = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'grapheme', maxLength: 100 }),
    fc.constantFrom(
      'is lync 2010 supported on lync server 2013?',
      '<at>Lync Compat</at> help',
      '<script>alert(1)</script>',
      '**bold** [x](javascript:alert(1))',
      '\u0000\u202e',
      'x'.repeat(2500),
      'et pour AOL ?',
      'remind me before yahoo federation ends',
    ),
  );
  const base = fc
    .tuple(fc.constantFrom(emulatorMessage, teamsChannelMessage), text, fc.string({ maxLength: 20 }))
    .map(([shape, t, conv]) => shape(t, { serviceUrl, conversationId: `fuzz-${conv}` }));
  const junk = fc.oneof(fc.anything(), fc.string(), fc.integer(), fc.constant(null), fc.array(fc.anything(), { maxLength: 5 }));
  const mutated = fc
    .tuple(
      base,
      fc.constantFrom(
        'type',
        'text',
        'channelId',
        'serviceUrl',
        'conversation',
        'from',
        'recipient',
        'entities',
        'attachments',
        'value',
        'membersAdded',
        'locale',
        'channelData',
      ),
      junk,
    )
    .map(([activity, key, value]) => JSON.stringify({ ...activity, [key]: value }));
  const typed = fc
    .tuple(
      base,
      fc.constantFrom(
        'message',
        'conversationUpdate',
        'invoke',
        'event',
        'installationUpdate',
        'typing',
        'messageReaction',
        'unknownType',
        '',
      ),
    )
    .map(([activity, type]) => JSON.stringify({ ...activity, type, value: { feedback: 'helpful', question: 'q' } }));
  return fc.oneof(
    { weight: 3, arbitrary: base.map((a) => JSON.stringify(a)) },
    { weight: 4, arbitrary: mutated },
    { weight: 2, arbitrary: typed },
    { weight: 1, arbitrary: junk.map((v) => JSON.stringify(v) ?? 'undefined') },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  );
}

/**
 * The bot as `npm start` runs it (the bundle), in its own process, so that "never crashes" means the
 * process: an exception or rejection nothing catches would end it.
 */
describe(`fuzz: ${RUNS} generated and mutated requests to the running server`, function () {
  this.timeout(300_000);
  let dir: string;
  let connector: ConnectorStandIn;
  let bot: { process: BotProcess; botUrl: string; serviceUrl: string };
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lync-fuzz-'));
    connector = new ConnectorStandIn();
    const serviceUrl = await connector.start();
    const process = startBotProcess(await bundleArgs(), { PORT: '0', LOG_LEVEL: 'info' }, dir);
    bot = { process, serviceUrl, botUrl: `http://127.0.0.1:${await listeningPort(process)}` };
  });
  after(async () => {
    if (bot?.process.child.exitCode === null) {
      bot.process.child.kill('SIGTERM');
      await bot.process.exited;
    }
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('never answers 5xx, never crashes, and still answers a real question afterwards', async () => {
    const samples = fc.sample(bodies(bot.serviceUrl), { numRuns: RUNS, seed: SEED });
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < samples.length) {
        const body = samples[next++] as string;
        const res = await fetch(`${bot.botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500) assert.fail(`HTTP ${res.status} (FUZZ_SEED=${SEED}) for ${body.slice(0, 300)}`);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    console.log(
      `      FUZZ_SEED=${SEED}, statuses: ${[...statuses.entries()]
        .sort()
        .map(([s, n]) => `${s}×${n}`)
        .join(', ')}`,
    );
    assert.equal(
      [...statuses.values()].reduce((a, b) => a + b, 0),
      RUNS,
    );
    assert.equal(
      await post(bot.botUrl, emulatorMessage('which port does IM use?', { serviceUrl: bot.serviceUrl, conversationId: 'after-fuzz' })),
      200,
    );
    assert.match(visibleText(connector.inConversation('after-fuzz')[0] ?? {}), /5061/);
    assert.equal(bot.process.child.exitCode, null, `still running (FUZZ_SEED=${SEED})`);
    bot.process.child.kill('SIGTERM');
    assert.equal(await bot.process.exited, 0, `a clean stop after the fuzz; stderr: ${bot.process.stderr.join('').slice(0, 2000)}`);
  });
});
