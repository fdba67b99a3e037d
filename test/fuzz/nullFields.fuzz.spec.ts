import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { emulatorMessage, membersAdded, teamsChannelMessage, teamsPersonalMessage } from '../../scripts/lib/activities';
import { createLogger } from '../../src/logger';
import { parseActivity } from '../../src/server/activityGuard';
import { LogCapture } from '../helpers/logCapture';
import { startBot, type RunningBot } from '../helpers/server';

/** Fields an activity may leave out, as Bot Framework clients send them: some send `null` instead. */
const OPTIONAL_FIELDS = [
  'id',
  'from',
  'recipient',
  'text',
  'locale',
  'timestamp',
  'localTimestamp',
  'entities',
  'attachments',
  'membersAdded',
  'membersRemoved',
  'value',
  'channelData',
  'replyToId',
  'textFormat',
  'localTimezone',
  'name',
  'action',
  'summary',
  'speak',
  'inputHint',
  'suggestedActions',
  'attachmentLayout',
  'importance',
  'deliveryMode',
  'expiration',
  'callerId',
  'topicName',
  'historyDisclosed',
] as const;
/** Optional fields inside the objects an activity carries. */
const NESTED_OPTIONAL: Record<string, readonly string[]> = {
  conversation: ['isGroup', 'conversationType', 'tenantId', 'name', 'role', 'aadObjectId'],
  from: ['name', 'role', 'aadObjectId'],
  recipient: ['name', 'role'],
};

/** A value of the wrong type for each field the guard checks. */
const WRONG_TYPES: Record<string, fc.Arbitrary<unknown>> = {
  type: fc.oneof(fc.integer(), fc.boolean(), fc.constant(''), fc.constant(null), fc.array(fc.string(), { maxLength: 2 })),
  id: fc.oneof(fc.integer(), fc.boolean(), fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 })),
  channelId: fc.oneof(fc.integer(), fc.constant(''), fc.constant(null)),
  serviceUrl: fc.oneof(fc.integer(), fc.constant('not a url'), fc.constant('ftp://127.0.0.1/'), fc.constant(null)),
  conversation: fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant({}), fc.constant({ id: 42 })),
  from: fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant({ id: 7 })),
  recipient: fc.oneof(fc.string(), fc.integer(), fc.constant([])),
  text: fc.oneof(
    fc.integer(),
    fc.boolean(),
    fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
    fc.array(fc.string(), { maxLength: 2 }),
  ),
  locale: fc.oneof(fc.integer(), fc.boolean(), fc.constant('x'.repeat(65))),
  timestamp: fc.oneof(fc.integer(), fc.boolean()),
  localTimestamp: fc.oneof(fc.integer(), fc.constant({})),
  entities: fc.oneof(fc.string(), fc.integer(), fc.constant({}), fc.constant([{ type: 5 }]), fc.constant([7])),
  attachments: fc.oneof(fc.string(), fc.integer(), fc.constant({}), fc.constant(['x'])),
  membersAdded: fc.oneof(fc.string(), fc.constant({}), fc.constant([{ id: 1 }]), fc.constant([{}])),
  membersRemoved: fc.oneof(fc.integer(), fc.constant([null])),
};

describe('fuzz: null for an absent field', function () {
  this.timeout(120_000);
  const logs = new LogCapture();
  let bot: RunningBot;
  before(async () => {
    bot = await startBot({}, { logger: createLogger({ LOG_LEVEL: 'info', MicrosoftAppPassword: undefined }, logs) });
  });
  after(async () => bot.stop());

  const shapes = (serviceUrl: string) =>
    fc
      .tuple(
        fc.constantFrom(
          (c: string) => emulatorMessage('is lync 2010 supported on lync server 2013?', { serviceUrl, conversationId: c }),
          (c: string) => teamsPersonalMessage('when did yahoo federation end?', { serviceUrl, conversationId: c }),
          (c: string) => teamsChannelMessage('help', { serviceUrl, conversationId: c }),
          (c: string) => membersAdded(['bot-1', 'user-1'], { serviceUrl, conversationId: c }),
          (c: string) => ({
            ...membersAdded(['bot-1'], { serviceUrl, conversationId: c, channelId: 'msteams' }),
            text: null,
            channelData: { tenant: { id: 'tenant-1' } },
          }),
        ),
        fc.nat(),
      )
      .map(([make, n]) => make(`null-${n}`));

  const post = async (body: unknown) => {
    const res = await fetch(`${bot.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.text() };
  };

  it('accepts a conversationUpdate whose text is null (200), as Bot Framework clients send it', async () => {
    const update = { ...membersAdded(['bot-1', 'user-1'], { serviceUrl: bot.serviceUrl, conversationId: 'null-text' }), text: null };
    const res = await post(update);
    assert.equal(res.status, 200, res.body);
    assert.equal(bot.connector.inConversation('null-text').length, 1, 'welcomed as without the field');
  });

  it('accepts null in any set of optional fields, top-level or nested (200), and the turn does not fail (fast-check, 300 runs)', async () => {
    const nullFields = fc.subarray([...OPTIONAL_FIELDS], { minLength: 1 });
    const nestedNulls = fc.subarray(Object.entries(NESTED_OPTIONAL).flatMap(([o, keys]) => keys.map((k) => `${o}.${k}`)));
    await fc.assert(
      fc.asyncProperty(shapes(bot.serviceUrl), nullFields, nestedNulls, async (activity, fields, nested) => {
        const body: Record<string, unknown> = structuredClone(activity);
        for (const field of fields) body[field] = null;
        for (const path of nested) {
          const [object, key] = path.split('.') as [string, string];
          const target = body[object];
          if (target && typeof target === 'object') (target as Record<string, unknown>)[key] = null;
        }
        const before = logs.lines.length;
        const res = await post(body);
        assert.equal(res.status, 200, `${res.status} ${res.body} for ${JSON.stringify(body).slice(0, 400)}`);
        const failed = logs.lines.slice(before).filter((l) => l.msg === 'turn failed');
        assert.equal(failed.length, 0, `turn failed: ${JSON.stringify(failed[0]?.err)} for ${JSON.stringify(body).slice(0, 400)}`);
      }),
      { numRuns: 300, seed: 20261122 },
    );
  });

  it('still refuses a wrong type in any checked field with 400 naming it, never 5xx (fast-check, 300 runs)', async () => {
    const wrong = fc
      .constantFrom(...Object.keys(WRONG_TYPES))
      .chain((field) => fc.tuple(fc.constant(field), WRONG_TYPES[field] as fc.Arbitrary<unknown>));
    await fc.assert(
      fc.asyncProperty(shapes(bot.serviceUrl), wrong, async (activity, [field, value]) => {
        const res = await post({ ...activity, [field]: value });
        assert.equal(res.status, 400, `${res.status} ${res.body} for ${field}=${JSON.stringify(value)}`);
        assert.match((JSON.parse(res.body) as { detail: string }).detail, new RegExp(`^${field}\\b`));
      }),
      { numRuns: 300, seed: 20261123 },
    );
  });

  it('removes top-level nulls before the bot sees the activity, and keeps every other value', () => {
    const parsed = parseActivity({
      type: 'message',
      channelId: 'msteams',
      serviceUrl: 'http://127.0.0.1:1/',
      conversation: { id: 'c', tenantId: null },
      text: null,
      value: null,
      locale: 'fr-FR',
      channelData: { x: 1 },
    });
    assert.deepEqual(parsed.activity, {
      type: 'message',
      channelId: 'msteams',
      serviceUrl: 'http://127.0.0.1:1/',
      conversation: { id: 'c', tenantId: null },
      locale: 'fr-FR',
      channelData: { x: 1 },
    });
    assert.equal(
      parseActivity({ type: 'message', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:1/', conversation: { id: 'c' }, text: 5 })
        .problem,
      'text: Invalid input: expected string, received number',
    );
  });
});
