import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { emulatorMessage } from '../../scripts/lib/activities';
import { createLogger, routeConsoleToLogger, scrubLine } from '../../src/logger';
import { LogCapture } from '../helpers/logCapture';
import { startBot, type RunningBot } from '../helpers/server';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJib3QifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('logs', () => {
  describe('scrubLine', () => {
    it('removes bearer tokens, JWTs and the given secrets, also as JSON escapes them', () => {
      const line = JSON.stringify({ msg: `Authorization: Bearer abc.def-ghi and ${JWT} with pa"ss\\word` });
      const out = scrubLine(line, ['pa"ss\\word']);
      assert.ok(!out.includes('abc.def-ghi'));
      assert.ok(!out.includes(JWT.split('.')[1] as string));
      assert.ok(!out.includes('pa\\"ss'));
      assert.match(out, /Bearer \[redacted\]/);
      assert.doesNotThrow(() => JSON.parse(out));
    });
  });

  describe('createLogger', () => {
    it('redacts secret fields and keeps only name, message, code and stack of errors', () => {
      const capture = new LogCapture();
      const log = createLogger({ LOG_LEVEL: 'info', MicrosoftAppPassword: 's3cret-value' }, capture);
      const err = Object.assign(new Error('request failed'), { code: 'E_HTTP', statusCode: 502, request: { headers: { Authorization: 'opaque-credential' } } });
      log.warn({ err, headers: { authorization: 'opaque-1' }, password: 'opaque-2', config: { MicrosoftAppPassword: 'opaque-3' } }, 'something');
      log.info('config is s3cret-value');
      const all = capture.raw.join('\n');
      for (const secret of ['opaque-credential', 'opaque-1', 'opaque-2', 'opaque-3', 's3cret-value']) assert.ok(!all.includes(secret), secret);
      const [first] = capture.lines;
      assert.deepEqual(Object.keys(first?.err as object).sort(), ['code', 'message', 'stack', 'statusCode', 'type']);
      assert.equal((first?.err as { message: string }).message, 'request failed');
    });

    it('routes library console output through the logger, cut to a bounded length', () => {
      const capture = new LogCapture();
      const target = { error: (..._a: unknown[]) => undefined, warn: (..._a: unknown[]) => undefined };
      routeConsoleToLogger(createLogger({ LOG_LEVEL: 'info', MicrosoftAppPassword: undefined }, capture), target);
      target.error(new Error('jwt expired'), `Bearer ${JWT}`);
      target.warn('x'.repeat(10_000));
      const [a, b] = capture.lines;
      assert.equal(a?.msg, 'library message');
      assert.match(String(a?.library), /jwt expired/);
      assert.ok(!String(a?.library).includes(JWT));
      assert.ok(String(b?.library).length <= 2001);
    });
  });

  describe('over HTTP', function () {
    this.timeout(20_000);
    const capture = new LogCapture();
    let bot: RunningBot;
    before(async () => {
      bot = await startBot({}, { logger: createLogger({ LOG_LEVEL: 'info', MicrosoftAppPassword: undefined }, capture) });
    });
    after(async () => bot.stop());
    afterEach(() => sinon.restore());

    const send = (activity: unknown, headers: Record<string, string> = {}) =>
      fetch(`${bot.botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });

    it('gives every request an id, keeps a sane caller id, echoes it, and logs one access line with it', async () => {
      const given = await send(emulatorMessage('hello', { serviceUrl: bot.serviceUrl, conversationId: 'l-1' }), { 'x-request-id': 'gateway-123:abc' });
      assert.equal(given.headers.get('x-request-id'), 'gateway-123:abc');
      const made = await send(emulatorMessage('hello', { serviceUrl: bot.serviceUrl, conversationId: 'l-2' }), { 'x-request-id': '<script>alert(1)</script>' });
      const id = made.headers.get('x-request-id') ?? '';
      assert.match(id, /^[0-9a-f-]{36}$/);
      const bad = await send({});
      assert.equal(bad.status, 400);
      await new Promise((r) => setTimeout(r, 50)); // the access line is written when the response has gone
      const access = capture.lines.filter((l) => l.msg === 'request');
      assert.ok(access.some((l) => l.reqId === 'gateway-123:abc' && l.status === 200 && l.path === '/api/messages' && l.method === 'POST'));
      assert.ok(access.some((l) => l.reqId === id));
      assert.ok(access.some((l) => l.reqId === bad.headers.get('x-request-id') && l.status === 400));
      assert.ok(!capture.raw.join('\n').includes('<script>'));
    });

    it('logs a failing turn with its request id, and the user still gets an apology', async () => {
      sinon.stub(bot.app.bot, 'run').rejects(new Error('boom'));
      const res = await send(emulatorMessage('is lync 2010 supported on lync server 2013?', { serviceUrl: bot.serviceUrl, conversationId: 'l-3' }), { 'x-request-id': 'turn-fail-1' });
      assert.equal(res.status, 200);
      const failed = capture.lines.find((l) => l.msg === 'turn failed');
      assert.equal(failed?.reqId, 'turn-fail-1');
      assert.equal((failed?.err as { message: string }).message, 'boom');
      assert.equal(bot.connector.inConversation('l-3').length, 1);
    });

    it('never writes what the user typed', async () => {
      const marker = 'zq<b onmouseover=alert(1)>zq';
      await send(emulatorMessage(`is ${marker} supported on lync server 2013?`, { serviceUrl: bot.serviceUrl, conversationId: 'l-4' }));
      await send(emulatorMessage('x'.repeat(3000) + marker, { serviceUrl: bot.serviceUrl, conversationId: 'l-5' }));
      assert.ok(!capture.raw.join('\n').includes('onmouseover'));
    });
  });
});
