import { strict as assert } from 'node:assert';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { teamsPersonalMessage } from '../../scripts/lib/activities';
import { createLogger, routeConsoleToLogger } from '../../src/logger';
import { channelClaims, makeSigningKey, OpenIdStandIn, signToken } from '../helpers/botFrameworkKeys';
import { LogCapture } from '../helpers/logCapture';
import { startBot, type RunningBot } from '../helpers/server';

const APP_ID = '0f2c4b8e-3d1a-4c5e-9b7f-6a8d2e1c3b5a';
const OTHER_APP_ID = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const PASSWORD = 'app-password-never-logged~42';

async function postWith(bot: RunningBot, activity: Record<string, unknown>, authorization?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization !== undefined) headers.authorization = authorization;
  const res = await fetch(`${bot.botUrl}/api/messages`, { method: 'POST', headers, body: JSON.stringify(activity) });
  return { status: res.status, body: await res.text(), requestId: res.headers.get('x-request-id') };
}

describe('Bot Framework authentication (MicrosoftAppId set)', function () {
  this.timeout(20_000);
  const key = makeSigningKey('key-1');
  const stranger = makeSigningKey('key-1'); // same key id, not the published key
  const keys = new OpenIdStandIn([key]);
  const logs = new LogCapture();
  let bot: RunningBot;
  const tokens: string[] = [];
  const sign = (claims: Record<string, unknown>, signer = key) => {
    const t = signToken(signer, claims);
    tokens.push(t);
    return t;
  };
  const message = (conversationId: string, text = 'is lync 2010 supported on lync server 2013?') =>
    teamsPersonalMessage(text, { serviceUrl: bot.serviceUrl, conversationId });

  /** botbuilder prints refused tokens to the console; routed through the logger as index.ts does. */
  let restoreConsole: () => void;
  const libraryMessages = () =>
    logs.lines.filter((l) => l.msg === 'library message').map((l) => ({ level: l.level, text: String(l.library) }));

  before(async () => {
    const openIdMetadataUrl = await keys.start();
    const env = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: PASSWORD, LOG_LEVEL: 'debug' };
    const logger = createLogger({ LOG_LEVEL: 'debug', MicrosoftAppPassword: PASSWORD }, logs);
    restoreConsole = routeConsoleToLogger(logger);
    bot = await startBot(env, { openIdMetadataUrl, logger });
  });
  after(async () => {
    restoreConsole();
    await bot.stop();
    await keys.stop();
  });

  it('refuses a request without a token (401)', async () => {
    const res = await postWith(bot, message('a-missing'));
    assert.equal(res.status, 401);
    assert.equal(bot.connector.inConversation('a-missing').length, 0);
  });

  it('refuses garbage tokens (401)', async () => {
    for (const header of [
      'Bearer',
      'Bearer garbage',
      'Bearer a.b.c',
      'Basic dXNlcjpwYXNz',
      'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl',
      'bearer x y z',
      `Bearer ${'A'.repeat(8000)}`,
    ]) {
      const res = await postWith(bot, message('a-garbage'), header);
      assert.equal(res.status, 401, header.slice(0, 40));
    }
    assert.equal(bot.connector.inConversation('a-garbage').length, 0);
  });

  it('refuses an expired token (401)', async () => {
    const now = Math.floor(Date.now() / 1000);
    // Past botbuilder's five-minute clock tolerance.
    const claims = { ...channelClaims(APP_ID, bot.serviceUrl, now - 7200), exp: now - 600 };
    const res = await postWith(bot, message('a-expired'), `Bearer ${sign(claims)}`);
    assert.equal(res.status, 401);
    assert.equal(bot.connector.inConversation('a-expired').length, 0);
    // botbuilder's console.error of the TokenExpiredError reached the log, at debug level, not the console.
    assert.ok(
      libraryMessages().some((m) => m.level === 20 && /^TokenExpiredError: jwt expired/.test(m.text)),
      JSON.stringify(libraryMessages()),
    );
  });

  it('refuses a token for another bot (wrong audience, 401)', async () => {
    const res = await postWith(bot, message('a-audience'), `Bearer ${sign(channelClaims(OTHER_APP_ID, bot.serviceUrl))}`);
    assert.equal(res.status, 401);
  });

  it('refuses a token not signed by a published key, from another issuer, or for another serviceUrl (401)', async () => {
    const claims = channelClaims(APP_ID, bot.serviceUrl);
    assert.equal((await postWith(bot, message('a-forged'), `Bearer ${sign(claims, stranger)}`)).status, 401, 'forged signature');
    assert.equal(
      (await postWith(bot, message('a-forged'), `Bearer ${sign({ ...claims, iss: 'https://example.com' })}`)).status,
      401,
      'issuer',
    );
    assert.equal(
      (await postWith(bot, message('a-forged'), `Bearer ${sign({ ...claims, serviceurl: 'https://evil.example.com/' })}`)).status,
      401,
      'serviceUrl claim',
    );
    assert.equal((await postWith(bot, message('a-forged'), `Bearer ${sign({ ...claims, nbf: claims.exp })}`)).status, 401, 'not yet valid');
    assert.equal(bot.connector.inConversation('a-forged').length, 0);
    // botbuilder prints every published key for the forged signature: logged at debug, keys elided.
    const keyMessages = libraryMessages().filter((m) => m.text.startsWith('Error finding key for token'));
    assert.ok(
      keyMessages.length > 0 && keyMessages.every((m) => m.level === 20 && m.text.includes('[key]') && !m.text.includes('BEGIN RSA')),
      JSON.stringify(keyMessages),
    );
  });

  it('refuses unsigned tokens and HMAC tokens keyed with the public key (algorithm confusion, 401)', async () => {
    const claims = channelClaims(APP_ID, bot.serviceUrl);
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const none = `${part({ alg: 'none', typ: 'JWT', kid: key.kid })}.${part(claims)}.`;
    const hsInput = `${part({ alg: 'HS256', typ: 'JWT', kid: key.kid })}.${part(claims)}`;
    const pem = key.publicKey.export({ type: 'pkcs1', format: 'pem' });
    const hs = `${hsInput}.${createHmac('sha256', pem).update(hsInput).digest('base64url')}`;
    tokens.push(none, hs);
    assert.equal((await postWith(bot, message('a-alg'), `Bearer ${none}`)).status, 401, 'alg none');
    assert.equal((await postWith(bot, message('a-alg'), `Bearer ${hs}`)).status, 401, 'HS256 with the public key');
    assert.equal(bot.connector.inConversation('a-alg').length, 0);
  });

  it('answers any Authorization header, random or a valid token mutated, with 401 and never 5xx (fast-check, 500 runs)', async () => {
    const valid = sign(channelClaims(APP_ID, bot.serviceUrl));
    const mutated = fc
      .tuple(fc.nat({ max: valid.length - 1 }), fc.constantFrom(...'AZaz09-_.'))
      .map(([at, ch]) => `Bearer ${valid.slice(0, at)}${ch}${valid.slice(at + 1)}`)
      .filter((h) => h !== `Bearer ${valid}`);
    const header = fc.oneof(
      fc.string({ maxLength: 200 }).map((s) => s.replace(/[\r\n\0]/g, '')),
      fc.string({ maxLength: 200 }).map((s) => `Bearer ${s.replace(/[\r\n\0]/g, '')}`),
      mutated,
    );
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(header, async (h) => {
        const res = await postWith(bot, message('a-fuzz'), h);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        // A flipped character in the last base64url digit can leave the signature's bytes unchanged.
        return res.status === 401 || (res.status === 200 && h.startsWith('Bearer ey'));
      }),
      { numRuns: 500, seed: 20261121 },
    );
    assert.ok((statuses.get(401) ?? 0) > 450, JSON.stringify([...statuses]));
  });

  it('accepts a valid token (the keys above are the ones checked)', async () => {
    // A typing activity needs no reply, so the bot needs no outgoing token from Azure AD (offline here).
    const typing = { ...message('a-valid'), type: 'typing' };
    delete (typing as { text?: string }).text;
    const res = await postWith(bot, typing, `Bearer ${sign(channelClaims(APP_ID, bot.serviceUrl))}`);
    assert.equal(res.status, 200, res.body);
    assert.ok(keys.requests >= 2, 'botbuilder fetched the metadata and the keys from the stand-in');
  });

  it('answers 401s without internal detail, and logs them with a request id but never a token or the password', async () => {
    const res = await postWith(bot, message('a-log'), `Bearer ${sign(channelClaims(OTHER_APP_ID, bot.serviceUrl))}`);
    assert.equal(res.status, 401);
    assert.deepEqual(JSON.parse(res.body), { error: 'unauthorized' });
    assert.ok(res.requestId);
    const mine = logs.lines.filter((l) => l.reqId === res.requestId);
    assert.ok(
      mine.some((l) => l.msg === 'unauthorized request'),
      'the refusal is logged',
    );
    assert.ok(
      mine.some((l) => l.msg === 'request' && l.status === 401),
      'the access line is logged',
    );
    const all = logs.raw.join('\n');
    assert.ok(tokens.length > 5);
    for (const token of tokens) {
      for (const part of token.split('.').filter(Boolean)) assert.ok(!all.includes(part), 'no part of a token is logged');
    }
    assert.ok(!all.includes(PASSWORD), 'the password is never logged');
  });
});

describe('Bot Framework authentication when the signing keys cannot be fetched', function () {
  this.timeout(20_000);
  let bot: RunningBot;
  before(async () => {
    // Nothing listens on port 9 (discard) on this machine: the metadata fetch fails as it does offline.
    bot = await startBot(
      { MicrosoftAppId: APP_ID, MicrosoftAppPassword: PASSWORD },
      { openIdMetadataUrl: 'http://127.0.0.1:9/v1/.well-known/openidconfiguration' },
    );
  });
  after(async () => bot.stop());

  it('answers 503 with Retry-After and no internal detail, and still refuses requests without a token (401)', async () => {
    const key = makeSigningKey('key-1');
    const res = await fetch(`${bot.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${signToken(key, channelClaims(APP_ID, bot.serviceUrl))}` },
      body: JSON.stringify(teamsPersonalMessage('hello', { serviceUrl: bot.serviceUrl, conversationId: 'k-1' })),
    });
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '5');
    assert.deepEqual(await res.json(), { error: 'cannot verify the token now; try again later' });
    const missing = await fetch(`${bot.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(teamsPersonalMessage('hello', { serviceUrl: bot.serviceUrl, conversationId: 'k-2' })),
    });
    assert.equal(missing.status, 401);
  });
});
