import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emulatorMessage, post } from '../../scripts/lib/activities';
import { createApp } from '../../src/app';
import { parseConfig } from '../../src/config';
import { startPostgres } from '../helpers/postgres';
import { startBot, type RunningBot } from '../helpers/server';

/** A sample's value in Prometheus text, or undefined when the line is absent. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

async function readyz(
  bot: RunningBot,
): Promise<{ status: number; body: { status: string; failing: string[]; checks: Record<string, { ok: boolean; problem?: string }> } }> {
  const res = await fetch(`${bot.botUrl}/readyz`);
  return { status: res.status, body: (await res.json()) as never };
}

describe('probes: /healthz, /readyz, /metrics (real HTTP)', function () {
  this.timeout(30_000);

  describe('a running bot', () => {
    let bot: RunningBot;
    before(async () => {
      bot = await startBot();
    });
    after(async () => bot.stop());

    it('is alive and ready: database, knowledge and scheduler all ok (200, JSON)', async () => {
      assert.equal((await fetch(`${bot.botUrl}/healthz`)).status, 200);
      const { status, body } = await readyz(bot);
      assert.equal(status, 200);
      assert.deepEqual(body, {
        status: 'ready',
        failing: [],
        checks: { database: { ok: true }, knowledge: { ok: true }, scheduler: { ok: true } },
      });
    });

    it('serves Prometheus text whose counters move with turns, declined questions and feedback', async () => {
      const before = await (await fetch(`${bot.botUrl}/metrics`)).text();
      assert.equal(sample(before, 'bot_turns_total', 'channel="emulator",outcome="answered"'), undefined, 'no turn yet');
      assert.ok((sample(before, 'process_cpu_user_seconds_total') ?? -1) >= 0, 'default process metrics');
      assert.equal(sample(before, 'bot_send_queue_depth', 'queue="reminders"'), 0);

      const message = (text: string) => emulatorMessage(text, { serviceUrl: bot.serviceUrl, conversationId: 'metrics-1' });
      assert.equal(await post(bot.botUrl, message('is lync 2010 supported on lync server 2013?')), 200);
      assert.equal(await post(bot.botUrl, message('how do I bake sourdough bread?')), 200);
      assert.equal(
        await post(bot.botUrl, { ...message(''), text: undefined, value: { feedback: 'not_helpful', kind: 'support-cell' } }),
        200,
      );

      const res = await fetch(`${bot.botUrl}/metrics`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
      const after = await res.text();
      assert.equal(sample(after, 'bot_turns_total', 'channel="emulator",outcome="answered"'), 1);
      assert.equal(sample(after, 'bot_turns_total', 'channel="emulator",outcome="declined"'), 1);
      assert.equal(sample(after, 'bot_declined_questions_total', 'reason="out-of-scope"'), 1);
      assert.equal(sample(after, 'bot_feedback_total', 'verdict="not_helpful"'), 1);
      assert.equal(sample(after, 'bot_turns_total', 'channel="emulator",outcome="feedback"'), 1);
      assert.equal(sample(after, 'bot_answer_duration_seconds_count', 'channel="emulator"'), 3, 'every replied message is timed');
      assert.ok((sample(after, 'bot_answer_duration_seconds_sum', 'channel="emulator"') ?? 0) > 0);
    });
  });

  it("keeps each app's metrics apart (own registry, not the global one)", async () => {
    const [a, b] = [await startBot(), await startBot()];
    try {
      await post(a.botUrl, emulatorMessage('when did yahoo federation end?', { serviceUrl: a.serviceUrl }));
      const textA = await (await fetch(`${a.botUrl}/metrics`)).text();
      const textB = await (await fetch(`${b.botUrl}/metrics`)).text();
      assert.equal(sample(textA, 'bot_turns_total', 'channel="emulator",outcome="answered"'), 1);
      assert.equal(sample(textB, 'bot_turns_total', 'channel="emulator",outcome="answered"'), undefined);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('answers 503 naming the database once the database is closed', async () => {
    const bot = await startBot();
    try {
      await bot.app.database.close();
      const { status, body } = await readyz(bot);
      assert.equal(status, 503);
      assert.equal(body.status, 'unavailable');
      assert.deepEqual(body.failing, ['database']);
      assert.match(body.checks.database?.problem ?? '', /^the database \(sqlite:.*bot\.sqlite\) does not answer$/);
      assert.deepEqual(body.checks.knowledge, { ok: true });
      assert.equal((await fetch(`${bot.botUrl}/healthz`)).status, 200, 'still alive: liveness does not depend on the database');
    } finally {
      await bot.stop();
    }
  });

  it('answers 503 naming the database when PostgreSQL goes down, without the password', async () => {
    const server = await startPostgres();
    let bot: RunningBot | undefined;
    try {
      bot = await startBot({ DATABASE_URL: await server.createDatabase() });
      assert.equal((await readyz(bot)).status, 200);
      await server.stop();
      const { status, body } = await readyz(bot);
      assert.equal(status, 503);
      assert.deepEqual(body.failing, ['database']);
      assert.match(
        body.checks.database?.problem ?? '',
        /^the database \(postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/test_\w+\) does not answer$/,
      );
    } finally {
      await bot?.stop();
      await server.stop();
    }
  });

  it('names the scheduler while it is not running (created, not started)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lync-ready-'));
    const app = await createApp(parseConfig({ PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: `sqlite:${join(dir, 'bot.sqlite')}` }));
    try {
      const state = await app.readiness();
      assert.equal(state.status, 'unavailable');
      assert.deepEqual(state.failing, ['scheduler']);
      assert.deepEqual(state.checks.scheduler, { ok: false, problem: 'the reminder scheduler is not running' });
    } finally {
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('requires the bearer token for /metrics when METRICS_TOKEN is set (and only there)', async () => {
    const token = 'metrics-token-0123456789abcdef';
    const bot = await startBot({ METRICS_TOKEN: token });
    try {
      const none = await fetch(`${bot.botUrl}/metrics`);
      assert.equal(none.status, 401);
      assert.equal(none.headers.get('www-authenticate'), 'Bearer realm="metrics"');
      assert.equal(
        (await fetch(`${bot.botUrl}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789abcdef' } })).status,
        401,
      );
      const ok = await fetch(`${bot.botUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(ok.status, 200);
      assert.match(await ok.text(), /# TYPE bot_turns_total counter/);
      assert.equal((await fetch(`${bot.botUrl}/readyz`)).status, 200, 'the probes stay open');
    } finally {
      await bot.stop();
    }
    assert.throws(() => parseConfig({ METRICS_TOKEN: 'short' }), /METRICS_TOKEN: expected at least 16 characters/);
  });
});
