import { strict as assert } from 'node:assert';
import { post, teamsPersonalMessage, visibleText } from '../../scripts/lib/activities';
import { realKnowledge } from '../helpers/knowledge';
import { startBot, type RunningBot } from '../helpers/server';

describe('"forget me" over HTTP (state, reference and reminder subscriptions deleted)', function () {
  this.timeout(20_000);
  let bot: RunningBot;
  before(async () => {
    bot = await startBot();
  });
  after(async () => bot.stop());

  /** Rows kept about a Teams conversation, per table. */
  async function kept(conversationId: string): Promise<{ state: number; reference: number; subscriptions: number }> {
    const { db } = bot.app.database;
    const key = `msteams:${conversationId}`;
    const state = await db.selectFrom('bot_state').select('key').where('key', '=', `msteams/conversations/${conversationId}/`).execute();
    const reference = await db.selectFrom('conversation_refs').select('key').where('key', '=', key).execute();
    const subscriptions = await db.selectFrom('subscriptions').select('id').where('conversation_key', '=', key).execute();
    return { state: state.length, reference: reference.length, subscriptions: subscriptions.length };
  }

  const say = (conversationId: string, text: string, locale = 'en-US') =>
    post(bot.botUrl, teamsPersonalMessage(text, { serviceUrl: bot.serviceUrl, conversationId, locale }));

  it('deletes everything kept about the conversation, confirms, and starts afresh on the next message', async () => {
    const id = 'a:forget-me';
    assert.equal(await say(id, 'remind me about federation end-of-life dates'), 200);
    assert.deepEqual(await kept(id), { state: 1, reference: 1, subscriptions: 1 }, 'subscribed');
    // Another conversation keeps its own.
    assert.equal(await say('a:someone-else', 'remind me about federation end-of-life dates'), 200);

    assert.equal(await say(id, 'please delete my data'), 200);
    assert.equal(bot.connector.inConversation(id).at(-1)?.text, realKnowledge().message('forgotten', 'en'));
    assert.deepEqual(await kept(id), { state: 0, reference: 0, subscriptions: 0 });
    assert.deepEqual(await kept('a:someone-else'), { state: 1, reference: 1, subscriptions: 1 });

    assert.equal(await say(id, 'which port does IM use?'), 200);
    assert.match(visibleText(bot.connector.inConversation(id).at(-1) ?? {}), /5061/);
  });

  it('confirms in French', async () => {
    const id = 'a:oublie-moi';
    await say(id, 'rappelle-moi les dates de fin de vie', 'fr-FR');
    assert.equal((await kept(id)).subscriptions, 1, 'subscribed');
    assert.equal(await say(id, 'oublie-moi', 'fr-FR'), 200);
    assert.equal(bot.connector.inConversation(id).at(-1)?.text, realKnowledge().message('forgotten', 'fr'));
    assert.deepEqual(await kept(id), { state: 0, reference: 0, subscriptions: 0 });
  });
});
