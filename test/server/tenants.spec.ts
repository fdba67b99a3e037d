import { strict as assert } from 'node:assert';
import { AppCredentials } from 'botframework-connector';
import sinon from 'sinon';
import { emulatorMessage, teamsPersonalMessage, visibleText } from '../../scripts/lib/activities';
import { TenantNotAllowedError } from '../../src/errors';
import { verdictFor } from '../../src/reminders/retryPolicy';
import { TENANT_REFUSED_BODY } from '../../src/server/tenantGate';
import { realKnowledge } from '../helpers/knowledge';
import { channelClaims, makeSigningKey, OpenIdStandIn, signToken } from '../helpers/botFrameworkKeys';
import { startBot, type RunningBot } from '../helpers/server';

const APP_ID = '0f2c4b8e-3d1a-4c5e-9b7f-6a8d2e1c3b5a';
const PASSWORD = 'app-password~tenants';
const OURS = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const ALSO_OURS = 'c0ffee00-0000-4000-8000-000000000001';
const THEIRS = 'deadbeef-1111-4222-8333-444455556666';

/** A personal Teams message from a user of `tenant` (as Teams names it: channel data and conversation). */
function fromTenant(
  bot: RunningBot,
  tenant: string,
  conversationId: string,
  text = 'which port does IM use?',
  locale = 'en-US',
): Record<string, unknown> {
  const activity = teamsPersonalMessage(text, { serviceUrl: bot.serviceUrl, conversationId, locale });
  return { ...activity, conversation: { ...(activity.conversation as object), tenantId: tenant }, channelData: { tenant: { id: tenant } } };
}

describe('ALLOWED_TENANT_IDS (signed Bot Framework tokens)', function () {
  this.timeout(20_000);
  const key = makeSigningKey('key-tenants');
  const keys = new OpenIdStandIn([key]);
  const sandbox = sinon.createSandbox();
  let openIdMetadataUrl: string;
  let bot: RunningBot;

  /** POSTs an activity with a valid Bot Connector token; resolves with the response. */
  async function post(activity: Record<string, unknown>, target = bot): Promise<{ status: number; body: string }> {
    const token = signToken(key, channelClaims(APP_ID, target.serviceUrl));
    const res = await fetch(`${target.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(activity),
    });
    return { status: res.status, body: await res.text() };
  }

  /** Rows kept about a conversation: its state and its reference for proactive messages. */
  async function stored(target: RunningBot, conversationId: string): Promise<{ state: number; references: number }> {
    const { db } = target.app.database;
    const state = await db.selectFrom('bot_state').select('key').where('key', 'like', `%/conversations/${conversationId}/%`).execute();
    const references = await db.selectFrom('conversation_refs').select('key').where('key', '=', `msteams:${conversationId}`).execute();
    return { state: state.length, references: references.length };
  }

  before(async () => {
    openIdMetadataUrl = await keys.start();
    bot = await startBot(
      { MicrosoftAppId: APP_ID, MicrosoftAppPassword: PASSWORD, ALLOWED_TENANT_IDS: `${OURS}, ${ALSO_OURS.toUpperCase()}` },
      { openIdMetadataUrl },
    );
  });
  // The bot's own outgoing token would come from Azure AD (offline here): any token will do for the stand-in.
  beforeEach(() => {
    sandbox.stub(AppCredentials.prototype, 'getToken').resolves('outgoing-test-token');
  });
  afterEach(() => sandbox.restore());
  after(async () => {
    await bot.stop();
    await keys.stop();
  });

  it('answers users of an allowed tenant, whatever the case of the id, and keeps their conversation', async () => {
    assert.equal((await post(fromTenant(bot, OURS, 'a:ours'))).status, 200);
    assert.match(visibleText(bot.connector.inConversation('a:ours')[0] ?? {}), /5061/);
    assert.equal((await post(fromTenant(bot, ALSO_OURS, 'a:also-ours'))).status, 200);
    assert.match(visibleText(bot.connector.inConversation('a:also-ours')[0] ?? {}), /5061/);
    assert.deepEqual(await stored(bot, 'a:ours'), { state: 1, references: 1 });
  });

  it('refuses another tenant politely once per conversation, then says nothing, and stores nothing', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await post(fromTenant(bot, THEIRS, 'a:theirs'))).status, 200);
    const replies = bot.connector.inConversation('a:theirs');
    assert.equal(replies.length, 1, 'told once');
    assert.equal(replies[0]?.text, realKnowledge().message('tenant_not_allowed', 'en'));
    assert.deepEqual(await stored(bot, 'a:theirs'), { state: 0, references: 0 });
    // Another conversation of that tenant is told once too.
    await post(fromTenant(bot, THEIRS, 'a:theirs-2'));
    assert.equal(bot.connector.inConversation('a:theirs-2').length, 1);
  });

  it("refuses in the user's language", async () => {
    await post(fromTenant(bot, THEIRS, 'a:theirs-fr', 'quel port utilise la messagerie instantanée ?', 'fr-FR'));
    assert.equal(bot.connector.inConversation('a:theirs-fr')[0]?.text, realKnowledge().message('tenant_not_allowed', 'fr'));
  });

  it('goes by conversation.tenantId too, and refuses a Teams activity that names no tenant', async () => {
    const onlyConversation = { ...fromTenant(bot, THEIRS, 'a:conv-only'), channelData: {} };
    await post(onlyConversation);
    assert.equal(bot.connector.inConversation('a:conv-only')[0]?.text, realKnowledge().message('tenant_not_allowed', 'en'));
    // One allowed id and one other: not served.
    await post({ ...fromTenant(bot, OURS, 'a:mixed'), channelData: { tenant: { id: THEIRS } } });
    assert.equal(bot.connector.inConversation('a:mixed')[0]?.text, realKnowledge().message('tenant_not_allowed', 'en'));
    const none = fromTenant(bot, OURS, 'a:none');
    delete none.channelData;
    (none.conversation as { tenantId?: string }).tenantId = undefined;
    await post(none);
    assert.equal(bot.connector.inConversation('a:none')[0]?.text, realKnowledge().message('tenant_not_allowed', 'en'));
    assert.deepEqual(await stored(bot, 'a:none'), { state: 0, references: 0 });
  });

  it('serves channels without tenants (Web Chat, Slack, the Emulator): their owner connected them', async () => {
    assert.equal(
      (await post(emulatorMessage('which port does IM use?', { serviceUrl: bot.serviceUrl, conversationId: 'emu-tenants' }))).status,
      200,
    );
    assert.match(visibleText(bot.connector.inConversation('emu-tenants')[0] ?? {}), /5061/);
  });

  it('answers an invoke from another tenant with 403 and a short body, not a chat message', async () => {
    const invoke: Record<string, unknown> = {
      ...fromTenant(bot, THEIRS, 'a:invoke'),
      type: 'invoke',
      name: 'composeExtension/query',
      value: { commandId: 'searchSupport', parameters: [{ name: 'product', value: 'lync 2010' }] },
    };
    delete invoke.text;
    const refused = await post(invoke);
    assert.equal(refused.status, 403);
    assert.deepEqual(JSON.parse(refused.body), TENANT_REFUSED_BODY);
    assert.equal(bot.connector.inConversation('a:invoke').length, 0);
    const card = { ...invoke, name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'x' } } };
    assert.equal((await post(card)).status, 403);
    // The same invoke from an allowed tenant is answered (the message extension's results).
    assert.equal((await post({ ...invoke, ...fromTenant(bot, OURS, 'a:invoke-ours'), type: 'invoke', text: undefined })).status, 200);
  });

  it("refuses proactive messages to another tenant's conversation before sending, with a 403 error", async () => {
    const reference = (tenant: string, id: string) => ({
      channelId: 'msteams',
      serviceUrl: bot.serviceUrl,
      conversation: { id, tenantId: tenant, conversationType: 'personal', isGroup: false, name: '' },
      bot: { id: '28:lync-compat-bot', name: 'Lync Compat' },
    });
    const logic = sinon.spy(async (context: { sendActivity(text: string): Promise<unknown> }) => {
      await context.sendActivity('reminder');
    });
    await assert.rejects(
      bot.app.adapter.continueConversationAsync(APP_ID, reference(THEIRS, 'a:proactive-theirs'), logic),
      (err: unknown) => {
        assert.ok(err instanceof TenantNotAllowedError);
        assert.equal(err.statusCode, 403);
        return true;
      },
    );
    assert.equal(logic.callCount, 0);
    assert.equal(bot.connector.inConversation('a:proactive-theirs').length, 0);
    // The reminder scheduler treats it as a bot removed: the conversation is deactivated, not retried.
    assert.equal(verdictFor(new TenantNotAllowedError('msteams'), 1).action, 'deactivate');
    await bot.app.adapter.continueConversationAsync(APP_ID, reference(OURS, 'a:proactive-ours'), logic);
    assert.equal(logic.callCount, 1);
    assert.equal(bot.connector.inConversation('a:proactive-ours')[0]?.text, 'reminder');
  });

  describe('when empty', () => {
    let open: RunningBot;
    before(async () => {
      open = await startBot({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: PASSWORD }, { openIdMetadataUrl });
    });
    after(async () => open.stop());

    it('serves any tenant', async () => {
      assert.equal((await post(fromTenant(open, THEIRS, 'a:any'), open)).status, 200);
      assert.match(visibleText(open.connector.inConversation('a:any')[0] ?? {}), /5061/);
      assert.deepEqual(await stored(open, 'a:any'), { state: 1, references: 1 });
    });
  });
});
