import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { emulatorMessage, membersAdded, post, teamsChannelMessage, teamsPersonalMessage, visibleText } from '../../scripts/lib/activities';
import { startBot, type RunningBot } from '../helpers/server';

async function raw(url: string, body: string, contentType = 'application/json'): Promise<number> {
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });
  await res.arrayBuffer();
  return res.status;
}

describe('HTTP server (end to end, Bot Framework protocol)', () => {
  let bot: RunningBot;
  before(async () => {
    bot = await startBot();
  });
  after(async () => bot.stop());

  it('answers GET /healthz', async () => {
    const res = await fetch(`${bot.botUrl}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  it('answers an Emulator-shaped question through the connector', async () => {
    const activity = emulatorMessage('is lync 2010 supported on lync server 2013?', {
      serviceUrl: bot.serviceUrl,
      conversationId: 'emu-1',
    });
    assert.equal(await post(bot.botUrl, activity), 200);
    const [reply] = bot.connector.inConversation('emu-1');
    assert.match(visibleText(reply ?? {}), /^Yes\. Lync 2010 is supported on Lync Server 2013\./);
    assert.equal(reply?.locale, 'en-GB');
    assert.equal(reply?.replyToId, activity.id);
  });

  it('answers a Teams channel question with the @mention removed, in the thread', async () => {
    const activity = teamsChannelMessage('Lync 2010 est-il pris en charge sur OCS 2007 R2 ?', { serviceUrl: bot.serviceUrl });
    const conversationId = (activity.conversation as { id: string }).id;
    assert.equal(await post(bot.botUrl, activity), 200);
    const recorded = bot.connector.received.filter((r) => r.conversationId === conversationId);
    assert.equal(recorded.length, 1);
    assert.equal(recorded[0]?.replyToId, activity.id);
    assert.match(
      visibleText(recorded[0]?.activity ?? {}),
      /^Non\. Lync 2010 n’est pas pris en charge sur Office Communications Server 2007 R2\./,
    );
    assert.equal(recorded[0]?.activity.locale, 'fr-FR');
  });

  it('keeps the conversation across requests (follow-up)', async () => {
    await post(
      bot.botUrl,
      teamsPersonalMessage('when did AOL federation end?', { serviceUrl: bot.serviceUrl, conversationId: 'a:follow' }),
    );
    await post(bot.botUrl, teamsPersonalMessage('and Yahoo?', { serviceUrl: bot.serviceUrl, conversationId: 'a:follow' }));
    const texts = bot.connector.inConversation('a:follow').map((a) => visibleText(a));
    assert.match(texts[0] ?? '', /AOL ended on 30 June 2014/);
    assert.match(texts[1] ?? '', /Yahoo! ended on 30 June 2014/);
  });

  it('welcomes a user who joins, once', async () => {
    assert.equal(
      await post(bot.botUrl, membersAdded(['bot-1', 'user-1', 'user-2'], { serviceUrl: bot.serviceUrl, conversationId: 'welcome-1' })),
      200,
    );
    const replies = bot.connector.inConversation('welcome-1');
    assert.equal(replies.length, 1);
    assert.match(visibleText(replies[0] ?? {}), /Lync Server 2013/);
  });

  it('answers a message without text politely', async () => {
    const activity = {
      ...emulatorMessage('', { serviceUrl: bot.serviceUrl, conversationId: 'empty-1' }),
      text: undefined,
      attachments: [{ contentType: 'image/png', contentUrl: 'http://x/y.png' }],
    };
    assert.equal(await post(bot.botUrl, activity), 200);
    assert.match(bot.connector.inConversation('empty-1')[0]?.text ?? '', /only read text/);
  });

  it('answers a very long message briefly, without classifying it', async () => {
    const understand = sinon.spy(bot.app.nlu, 'understand');
    try {
      const long = `is lync 2010 supported on lync server 2013? ${'and more words '.repeat(200)}`;
      assert.ok(long.length > 2000);
      assert.equal(await post(bot.botUrl, emulatorMessage(long, { serviceUrl: bot.serviceUrl, conversationId: 'long-1' })), 200);
      const [reply] = bot.connector.inConversation('long-1');
      assert.match(reply?.text ?? '', /^That message is too long for me./);
      assert.ok((reply?.text ?? '').length < 300);
      assert.equal(understand.callCount, 0);
    } finally {
      understand.restore();
    }
  });

  it('ignores activity types it does not handle: 200, and nothing sent', async () => {
    for (const type of ['typing', 'endOfConversation', 'event', 'handoff', 'trace', 'suggestion', 'somethingNew']) {
      const activity = { ...emulatorMessage('', { serviceUrl: bot.serviceUrl, conversationId: `type-${type}` }), type, text: undefined };
      assert.equal(await post(bot.botUrl, activity), 200, type);
      assert.equal(bot.connector.inConversation(`type-${type}`).length, 0, type);
    }
  });

  it('refuses bodies that are not activities with 400, never 500', async () => {
    assert.equal(await raw(bot.botUrl, '{}'), 400);
    assert.equal(await raw(bot.botUrl, '{"type":"message"}'), 400);
    assert.equal(await raw(bot.botUrl, '[1,2,3]'), 400);
    assert.equal(await raw(bot.botUrl, '{"type": 5, "channelId": "x"}'), 400);
    assert.equal(await raw(bot.botUrl, '{not json'), 400);
    assert.equal(await raw(bot.botUrl, 'plain text', 'text/plain'), 400);
  });

  it('in local mode, refuses to reply to a serviceUrl that is not on this machine (403)', async () => {
    const activity = emulatorMessage('is lync 2010 supported on lync server 2013?', {
      serviceUrl: 'https://attacker.example/',
      conversationId: 'remote-1',
    });
    assert.equal(await post(bot.botUrl, activity), 403);
    assert.equal(bot.connector.inConversation('remote-1').length, 0);
  });

  it('refuses a body over 256 KB with 413', async () => {
    const big = JSON.stringify(emulatorMessage('x'.repeat(300 * 1024), { serviceUrl: bot.serviceUrl }));
    assert.equal(await raw(bot.botUrl, big), 413);
  });

  it('still answers after bad requests', async () => {
    assert.equal(
      await post(bot.botUrl, emulatorMessage('which port does IM use?', { serviceUrl: bot.serviceUrl, conversationId: 'after-1' })),
      200,
    );
    assert.match(visibleText(bot.connector.inConversation('after-1')[0] ?? {}), /5061/);
  });
});
