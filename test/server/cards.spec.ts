import { strict as assert } from 'node:assert';
import { emulatorMessage, post, slackMessage, teamsPersonalMessage, visibleText } from '../../scripts/lib/activities';
import { ofType, submits, tableRows } from '../helpers/cards';
import { realKnowledge } from '../helpers/knowledge';
import { startBot, type RunningBot } from '../helpers/server';
import type { AdaptiveCard } from '../../src/cards/adaptiveCard';

const CARD = 'application/vnd.microsoft.card.adaptive';

/** The Adaptive Card of a reply the connector received. */
function cardOf(activity: { attachments?: unknown[] } | undefined): AdaptiveCard | undefined {
  const attachments = (activity?.attachments ?? []) as { contentType?: string; content?: unknown }[];
  const attachment = attachments.find((a) => a.contentType === CARD);
  return attachment?.content as AdaptiveCard | undefined;
}

describe('cards over HTTP (end to end)', () => {
  let bot: RunningBot;
  before(async () => {
    bot = await startBot();
  });
  after(async () => bot.stop());

  it('answers a Teams question with one message: the card holding the support table, the direct answer as its summary', async () => {
    assert.equal(
      await post(
        bot.botUrl,
        teamsPersonalMessage('which servers support lync 2010?', { serviceUrl: bot.serviceUrl, conversationId: 'a:cards-1' }),
      ),
      200,
    );
    const replies = bot.connector.inConversation('a:cards-1');
    assert.equal(replies.length, 1, 'one message per answer');
    const [reply] = replies;
    assert.equal(reply?.text, undefined, 'no text beside the card (Teams would show a second bubble)');
    assert.match(String(reply?.summary), /^Lync 2010 is supported on Lync Server 2013/);
    assert.deepEqual(reply?.channelData, { feedbackLoopEnabled: true });
    const card = cardOf(reply);
    assert.equal(card?.version, '1.5');
    const [table] = ofType(card, 'Table');
    assert.ok(table, 'a Table element');
    assert.deepEqual(
      tableRows(table).map((r) => r[0]),
      ['Server', ...realKnowledge().servers.map((s) => s.name)],
    );
    const feedback = ofType(card, 'Action.Execute');
    assert.deepEqual(
      feedback.map((a) => [a.verb, (a.data as { question?: string }).question]),
      [
        ['feedback', 'which servers support lync 2010?'],
        ['feedback', 'which servers support lync 2010?'],
      ],
    );
  });

  it('answers the same question on Slack with a text table and no card', async () => {
    assert.equal(
      await post(
        bot.botUrl,
        slackMessage('which servers support lync 2010?', { serviceUrl: bot.serviceUrl, conversationId: 'B0:T0:D-cards-2' }),
      ),
      200,
    );
    const [reply] = bot.connector.inConversation('B0:T0:D-cards-2');
    assert.equal(reply?.attachments, undefined);
    assert.match(reply?.text ?? '', /^Lync 2010 is supported on Lync Server 2013/);
    assert.match(reply?.text ?? '', /```\nServer\s+Status\n-+\s+-+\nLync Server 2013\s+Supported/);
  });

  it('asks the question of a pressed help button (a submit with a value and no text)', async () => {
    assert.equal(await post(bot.botUrl, emulatorMessage('help', { serviceUrl: bot.serviceUrl, conversationId: 'cards-3' })), 200);
    const help = cardOf(bot.connector.inConversation('cards-3')[0]);
    const question = submits(help)
      .map((d) => d.question)
      .find((q) => typeof q === 'string' && /Yahoo/.test(q));
    assert.ok(question, 'a Yahoo! example button');
    const press = {
      ...emulatorMessage('', { serviceUrl: bot.serviceUrl, conversationId: 'cards-3' }),
      text: undefined,
      value: { question },
    };
    assert.equal(await post(bot.botUrl, press), 200);
    const answer = bot.connector.inConversation('cards-3')[1];
    assert.equal(answer?.text, undefined);
    assert.match(visibleText(answer ?? {}), /Yahoo! ended on 30 June 2014/);
  });

  it("without Universal Actions (Emulator, Web Chat): records feedback from a card's Action.Submit and thanks the user", async () => {
    await post(bot.botUrl, emulatorMessage('when did AOL federation end?', { serviceUrl: bot.serviceUrl, conversationId: 'cards-4' }));
    const card = cardOf(bot.connector.inConversation('cards-4')[0]);
    assert.equal(ofType(card, 'Action.Execute').length, 0);
    const notHelpful = submits(card).find((d) => d.feedback === 'not_helpful');
    assert.ok(notHelpful);
    const press = { ...emulatorMessage('', { serviceUrl: bot.serviceUrl, conversationId: 'cards-4' }), text: undefined, value: notHelpful };
    assert.equal(await post(bot.botUrl, press), 200);
    assert.match(bot.connector.inConversation('cards-4')[1]?.text ?? '', /did not help/);
    const summary = await bot.app.feedback.feedbackSummary();
    assert.ok(
      summary.notHelpfulQuestions.some((f) => f.question === 'when did AOL federation end?'),
      JSON.stringify(summary),
    );
  });

  it('records a question it could not answer, without the conversation id', async () => {
    await post(
      bot.botUrl,
      emulatorMessage('what is the weather in Paris tomorrow?', { serviceUrl: bot.serviceUrl, conversationId: 'cards-5' }),
    );
    assert.match(visibleText(bot.connector.inConversation('cards-5')[0] ?? {}), /can't answer/);
    const listed = await bot.app.feedback.listUnanswered();
    const entry = listed.find((u) => u.question === 'what is the weather in Paris tomorrow?');
    assert.ok(entry, JSON.stringify(listed));
    assert.equal(entry.count, 1);
  });
});
