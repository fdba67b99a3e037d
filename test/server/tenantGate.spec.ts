import { strict as assert } from 'node:assert';
import { TestAdapter, type Activity } from 'botbuilder';
import pino from 'pino';
import sinon from 'sinon';
import { BoundedSet, createTenantGate, TenantPolicy, tenantsOf } from '../../src/server/tenantGate';

const OURS = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const THEIRS = 'deadbeef-1111-4222-8333-444455556666';

const teams = (tenant: string | undefined, more: Partial<Activity> = {}): Partial<Activity> => ({
  type: 'message',
  channelId: 'msteams',
  text: 'hi',
  conversation: { id: `conv-${tenant}`, tenantId: tenant } as Activity['conversation'],
  ...(tenant ? { channelData: { tenant: { id: tenant } } } : {}),
  ...more,
});

describe('TenantPolicy', () => {
  it('serves everyone when no tenant is listed', () => {
    const open = new TenantPolicy([]);
    assert.equal(open.restricted, false);
    assert.equal(open.allows(teams(THEIRS)), true);
    assert.equal(open.allows(teams(undefined)), true);
  });

  it('serves listed tenants only, comparing ids without case, and requires every id an activity names', () => {
    const policy = new TenantPolicy([OURS.toUpperCase()]);
    assert.equal(policy.allows(teams(OURS)), true);
    assert.equal(policy.allows(teams(THEIRS)), false);
    assert.equal(policy.allows({ ...teams(OURS), channelData: { tenant: { id: THEIRS } } }), false);
    assert.deepEqual(tenantsOf({ ...teams(OURS.toUpperCase()), channelData: { tenant: { id: THEIRS } } }), [THEIRS, OURS]);
  });

  it('refuses Teams without a tenant; serves channels that have none (Slack, Web Chat, Emulator)', () => {
    const policy = new TenantPolicy([OURS]);
    assert.equal(policy.allows(teams(undefined)), false);
    assert.equal(policy.allows({ channelId: 'slack', conversation: { id: 'x' } as Activity['conversation'] }), true);
    assert.equal(
      policy.allowsReference({ channelId: 'msteams', conversation: { id: 'x', tenantId: THEIRS } as Activity['conversation'] }),
      false,
    );
    assert.equal(
      policy.allowsReference({ channelId: 'msteams', conversation: { id: 'x', tenantId: OURS } as Activity['conversation'] }),
      true,
    );
    assert.equal(policy.allowsReference({ channelId: 'msteams', conversation: { id: 'x' } as Activity['conversation'] }), false);
  });
});

describe('BoundedSet', () => {
  it('says whether a key is new, and forgets the least recently used beyond its size', () => {
    const set = new BoundedSet(2);
    assert.equal(set.add('a'), true);
    assert.equal(set.add('b'), true);
    assert.equal(set.add('a'), false, 'a is known, and now the most recent');
    assert.equal(set.add('c'), true);
    assert.equal(set.size, 2);
    assert.equal(set.add('a'), false, 'a was kept');
    assert.equal(set.add('b'), true, 'b was forgotten');
  });
});

describe('tenant gate (middleware)', () => {
  const sandbox = sinon.createSandbox();
  afterEach(() => sandbox.restore());

  function gated(refusal = () => ({ type: 'message', text: 'not for you' })) {
    const downstream = sandbox.spy();
    const adapter = new TestAdapter(async (context) => {
      downstream(context.activity.type);
    });
    adapter.use(createTenantGate({ policy: new TenantPolicy([OURS]), logger: pino({ level: 'silent' }), refusal }));
    return { adapter, downstream };
  }

  it('lets a served tenant through, and stops any other turn before the bot and later middleware', async () => {
    const { adapter, downstream } = gated();
    await adapter.processActivity(teams(OURS));
    assert.deepEqual(downstream.args, [['message']]);
    await adapter.processActivity(teams(THEIRS));
    await adapter.processActivity(teams(THEIRS, { type: 'conversationUpdate', text: undefined }));
    assert.equal(downstream.callCount, 1);
  });

  it('refuses a message once per conversation and is silent for other activity types', async () => {
    const { adapter } = gated();
    await adapter.processActivity(teams(THEIRS, { type: 'conversationUpdate', text: undefined }));
    assert.equal(adapter.activeQueue.length, 0, 'nothing said when installed');
    await adapter.processActivity(teams(THEIRS));
    await adapter.processActivity(teams(THEIRS));
    assert.deepEqual(
      adapter.activeQueue.splice(0).map((a) => a.text),
      ['not for you'],
    );
  });

  it('does not fail the turn when the refusal cannot be sent', async () => {
    const { adapter } = gated(() => {
      throw new Error('connector down');
    });
    await adapter.processActivity(teams(THEIRS));
    assert.equal(adapter.activeQueue.length, 0);
  });
});
