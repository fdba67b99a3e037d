import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { emulatorMessage } from '../../scripts/lib/activities';
import { messagingEndpoint } from '../../src/app';
import { createLogger, logFormat, routeConsoleToLogger, scrubLine } from '../../src/logger';
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
      const err = Object.assign(new Error('request failed'), {
        code: 'E_HTTP',
        statusCode: 502,
        request: { headers: { Authorization: 'opaque-credential' } },
      });
      log.warn(
        { err, headers: { authorization: 'opaque-1' }, password: 'opaque-2', config: { MicrosoftAppPassword: 'opaque-3' } },
        'something',
      );
      log.info('config is s3cret-value');
      const all = capture.raw.join('\n');
      for (const secret of ['opaque-credential', 'opaque-1', 'opaque-2', 'opaque-3', 's3cret-value'])
        assert.ok(!all.includes(secret), secret);
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

    it("logs botbuilder's refused-token messages at debug with keys elided, and gives the console back", () => {
      const capture = new LogCapture();
      const original = (..._a: unknown[]) => undefined;
      const target = { error: original, warn: original };
      const restore = routeConsoleToLogger(createLogger({ LOG_LEVEL: 'debug', MicrosoftAppPassword: undefined }, capture), target);
      target.error(
        'Error finding key for token. Available keys: -----BEGIN RSA PUBLIC KEY-----\nMIIBCgKCAQEAoles\n-----END RSA PUBLIC KEY-----',
      );
      const [line] = capture.lines;
      assert.equal(line?.level, 20);
      assert.equal(line?.library, 'Error finding key for token. Available keys: [key]');
      restore();
      assert.equal(target.error, original);
      assert.equal(target.warn, original);
    });
  });

  describe('format', () => {
    it('is pretty in a terminal and JSON otherwise, unless LOG_FORMAT says', () => {
      assert.equal(logFormat('auto', true), 'pretty');
      assert.equal(logFormat('auto', false), 'json');
      assert.equal(logFormat(undefined, false), 'json');
      assert.equal(logFormat('json', true), 'json');
      assert.equal(logFormat('pretty', false), 'pretty');
    });

    it('writes pino-pretty lines with LOG_FORMAT=pretty, still scrubbed of secrets', () => {
      const capture = new LogCapture();
      const logger = createLogger({ LOG_LEVEL: 'info', MicrosoftAppPassword: 'pretty-secret-42', LOG_FORMAT: 'pretty' }, capture);
      logger.info({ port: 3978, note: 'pretty-secret-42' }, 'listening');
      logger.warn({ authorization: `Bearer ${JWT}` }, 'careful');
      assert.equal(capture.raw.length, 2, capture.raw.join('\n'));
      assert.match(capture.raw[0] ?? '', /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: listening \{"port":3978,"note":"\[redacted\]"\}$/);
      assert.match(capture.raw[1] ?? '', /WARN: careful/);
      assert.ok(!capture.raw.join('\n').includes(JWT.split('.')[0] as string));
    });

    it('prints the messaging endpoint to paste into the Emulator', async () => {
      const capture = new LogCapture();
      const bot = await startBot({}, { logger: createLogger({ LOG_LEVEL: 'info', MicrosoftAppPassword: undefined }, capture) });
      try {
        const line = capture.lines.find((l) => String(l.msg).startsWith('Messaging endpoint'));
        assert.equal(
          line?.msg,
          `Messaging endpoint: ${bot.botUrl}/api/messages — paste into the Bot Framework Emulator or the Agents Playground (no app id or password)`,
        );
      } finally {
        await bot.stop();
      }
      assert.equal(messagingEndpoint('0.0.0.0', 3978), 'http://localhost:3978/api/messages');
      assert.equal(messagingEndpoint('::', 80), 'http://localhost:80/api/messages');
      assert.equal(messagingEndpoint('::1', 3978), 'http://[::1]:3978/api/messages');
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
      fetch(`${bot.botUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      });

    it('gives every request an id, keeps a sane caller id, echoes it, and logs one access line with it', async () => {
      const given = await send(emulatorMessage('hello', { serviceUrl: bot.serviceUrl, conversationId: 'l-1' }), {
        'x-request-id': 'gateway-123:abc',
      });
      assert.equal(given.headers.get('x-request-id'), 'gateway-123:abc');
      const made = await send(emulatorMessage('hello', { serviceUrl: bot.serviceUrl, conversationId: 'l-2' }), {
        'x-request-id': '<script>alert(1)</script>',
      });
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
      const res = await send(
        emulatorMessage('is lync 2010 supported on lync server 2013?', { serviceUrl: bot.serviceUrl, conversationId: 'l-3' }),
        { 'x-request-id': 'turn-fail-1' },
      );
      assert.equal(res.status, 200);
      const failed = capture.lines.find((l) => l.msg === 'turn failed');
      assert.equal(failed?.reqId, 'turn-fail-1');
      assert.equal((failed?.err as { message: string }).message, 'boom');
      assert.equal(bot.connector.inConversation('l-3').length, 1);
      assert.match(
        await bot.app.metrics.registry.getSingleMetricAsString('bot_turns_total'),
        /bot_turns_total\{channel="emulator",outcome="error"\} 1/,
      );
    });

    it('logs successful probes only at debug level (an orchestrator polls them every few seconds)', async () => {
      assert.equal((await fetch(`${bot.botUrl}/healthz`)).status, 200);
      assert.equal((await fetch(`${bot.botUrl}/readyz`)).status, 200);
      const missing = await fetch(`${bot.botUrl}/nothing-here`);
      await new Promise((r) => setTimeout(r, 50));
      const paths = capture.lines.filter((l) => l.msg === 'request').map((l) => l.path);
      assert.ok(!paths.includes('/healthz') && !paths.includes('/readyz'), paths.join(' '));
      assert.ok(paths.includes('/nothing-here'), `other requests still are (${missing.status})`);
    });

    it('never writes what the user typed', async () => {
      const marker = 'zq<b onmouseover=alert(1)>zq';
      await send(emulatorMessage(`is ${marker} supported on lync server 2013?`, { serviceUrl: bot.serviceUrl, conversationId: 'l-4' }));
      await send(emulatorMessage('x'.repeat(3000) + marker, { serviceUrl: bot.serviceUrl, conversationId: 'l-5' }));
      assert.ok(!capture.raw.join('\n').includes('onmouseover'));
    });
  });
});
