import { strict as assert } from 'node:assert';
import { post, postForBody, teamsInvoke, teamsPersonalMessage } from '../../scripts/lib/activities';
import type { AdaptiveCard } from '../../src/cards/adaptiveCard';
import { MAX_SENT_CARDS } from '../../src/bot/sentCards';
import { ofType, texts } from '../helpers/cards';
import { realKnowledge } from '../helpers/knowledge';
import { startBot, type RunningBot } from '../helpers/server';

const CARD = 'application/vnd.microsoft.card.adaptive';

interface InvokeBody {
  statusCode?: number;
  type?: string;
  value?: unknown;
}

function cardOf(activity: { attachments?: unknown[] } | undefined): AdaptiveCard {
  const attachment = ((activity?.attachments ?? []) as { contentType?: string; content?: unknown }[]).find((a) => a.contentType === CARD);
  assert.ok(attachment, 'a card');
  return attachment.content as AdaptiveCard;
}

/** The Action.Execute data of a card's "Yes" or "No". */
function executeData(card: AdaptiveCard, verdict: 'helpful' | 'not_helpful'): Record<string, unknown> {
  const action = ofType(card, 'Action.Execute').find((a) => (a.data as { feedback?: string }).feedback === verdict);
  assert.ok(action, `an Action.Execute for ${verdict}`);
  return action.data as Record<string, unknown>;
}

describe("Teams feedback over HTTP: Universal Actions update the card in place, Teams' own buttons are recorded", () => {
  const kb = realKnowledge();
  let bot: RunningBot;
  before(async () => {
    bot = await startBot();
  });
  after(async () => bot.stop());

  /** Asks a question in a Teams personal chat; resolves with the answer's card and the message id the connector gave it. */
  async function ask(conversationId: string, question: string, locale = 'en-US'): Promise<{ card: AdaptiveCard; id: string }> {
    const before = bot.connector.recordsIn(conversationId).length;
    assert.equal(await post(bot.botUrl, teamsPersonalMessage(question, { serviceUrl: bot.serviceUrl, conversationId, locale })), 200);
    const records = bot.connector.recordsIn(conversationId).slice(before);
    assert.equal(records.length, 1, 'one message per answer');
    return { card: cardOf(records[0]?.activity), id: records[0]?.responseId ?? '' };
  }

  const invoke = (conversationId: string, name: string, value: unknown, replyToId?: string) =>
    postForBody(bot.botUrl, teamsInvoke(name, value, { serviceUrl: bot.serviceUrl, conversationId, ...(replyToId ? { replyToId } : {}) }));

  it('"Yes": adaptiveCard/action returns the same answer card with the verdict instead of the buttons, and records it', async () => {
    const { card, id } = await ask('a:fb-1', 'when did AOL federation end?');
    const { status, body } = await invoke(
      'a:fb-1',
      'adaptiveCard/action',
      { action: { type: 'Action.Execute', verb: 'feedback', data: executeData(card, 'helpful') }, trigger: 'manual' },
      id,
    );
    assert.equal(status, 200);
    const response = body as InvokeBody;
    assert.equal(response.statusCode, 200);
    assert.equal(response.type, CARD);
    const updated = response.value as AdaptiveCard;
    assert.ok(texts(updated).includes(kb.message('feedback_verdict_helpful', 'en')), JSON.stringify(texts(updated)));
    assert.equal(ofType(updated, 'Action.Execute').length, 0, 'no second vote');
    assert.deepEqual(
      texts(updated).filter((t) => !t.includes(kb.message('feedback_verdict_helpful', 'en'))),
      texts(card).filter((t) => t !== kb.message('feedback_prompt', 'en')),
      'the answer stays as it was',
    );
    assert.equal(bot.connector.inConversation('a:fb-1').length, 1, 'no new message');
    const summary = await bot.app.feedback.feedbackSummary();
    assert.ok(
      summary.byIntent.some((i) => i.helpful > 0 && i.answerKind === 'provider'),
      JSON.stringify(summary),
    );
  });

  it('"No": the card shows the verdict and what to do next (rephrase, examples), in the answer\'s language', async () => {
    const { card, id } = await ask('a:fb-2', 'quand la fédération AOL a-t-elle pris fin ?', 'fr-FR');
    const { status, body } = await invoke(
      'a:fb-2',
      'adaptiveCard/action',
      { action: { type: 'Action.Execute', verb: 'feedback', data: executeData(card, 'not_helpful') } },
      id,
    );
    assert.equal(status, 200);
    const updated = (body as InvokeBody).value as AdaptiveCard;
    assert.ok(texts(updated).includes(kb.message('feedback_verdict_not_helpful', 'fr')));
    assert.ok(texts(updated).includes(kb.message('feedback_next', 'fr')));
    const examples = ofType(updated, 'Container').find(
      (c) => (c.selectAction as { data?: { question?: string } } | undefined)?.data?.question === kb.message('help_command', 'fr'),
    );
    assert.ok(examples, 'a row that asks for the examples');
    const summary = await bot.app.feedback.feedbackSummary();
    assert.ok(
      summary.notHelpfulQuestions.some((q) => q.question === 'quand la fédération AOL a-t-elle pris fin ?'),
      JSON.stringify(summary),
    );
    // A second press on the card as it was answers with the kept, updated card: still no buttons.
    const again = await invoke(
      'a:fb-2',
      'adaptiveCard/action',
      { action: { type: 'Action.Execute', verb: 'feedback', data: executeData(card, 'helpful') } },
      id,
    );
    assert.ok(texts((again.body as InvokeBody).value as AdaptiveCard).includes(kb.message('feedback_verdict_helpful', 'fr')));
  });

  it('a card no longer kept: the verdict is recorded and answered with a message, the card left as it is', async () => {
    const { card } = await ask('a:fb-3', 'which port does IM use?');
    for (let i = 0; i < MAX_SENT_CARDS; i++) await ask('a:fb-3', 'when did Yahoo federation end?');
    const { status, body } = await invoke(
      'a:fb-3',
      'adaptiveCard/action',
      { action: { type: 'Action.Execute', verb: 'feedback', data: executeData(card, 'helpful') } },
      'an-old-message',
    );
    assert.equal(status, 200);
    assert.deepEqual(body, {
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: kb.message('feedback_thanks', 'en'),
    });
  });

  it('bad Universal Action payloads get 400 in the Universal Actions error shape, never a crash', async () => {
    const cases: [unknown, RegExp][] = [
      [undefined, /^value: /],
      [{}, /^action: /],
      [{ action: { type: 'Action.Submit', verb: 'feedback' } }, /^action\.type: /],
      [{ action: { type: 'Action.Execute', verb: 'launchRockets', data: {} } }, /unknown verb "launchRockets"/],
      [{ action: { type: 'Action.Execute', verb: 'feedback', data: { feedback: 'meh' } } }, /^data\.feedback: /],
      [{ action: { type: 'Action.Execute', verb: 'feedback' } }, /^data\./],
    ];
    for (const [value, message] of cases) {
      const { status, body } = await invoke('a:fb-4', 'adaptiveCard/action', value);
      assert.equal(status, 400, JSON.stringify(value));
      const error = body as InvokeBody & { value: { code: string; message: string } };
      assert.equal(error.type, 'application/vnd.microsoft.error');
      assert.match(error.value.message, message, JSON.stringify(value));
    }
    assert.equal(bot.connector.inConversation('a:fb-4').length, 0);
  });

  it("records Teams' own thumbs (message/submitAction) for the answer they are under", async () => {
    const { id } = await ask('a:fb-5', 'is lync 2010 supported on lync server 2013?');
    const { status } = await invoke(
      'a:fb-5',
      'message/submitAction',
      { actionName: 'feedback', actionValue: { reaction: 'dislike', feedback: '{"feedbackText":"too short"}' } },
      id,
    );
    assert.equal(status, 200);
    const summary = await bot.app.feedback.feedbackSummary();
    const entry = summary.notHelpfulQuestions.find((q) => q.question === 'is lync 2010 supported on lync server 2013?');
    assert.ok(entry, JSON.stringify(summary));
    assert.equal(entry.answerKind, 'support-cell');
    assert.equal(bot.connector.inConversation('a:fb-5').length, 1, 'nothing sent');
    // Under a message no longer kept: recorded without the question.
    const before = (await bot.app.feedback.feedbackSummary()).helpful;
    assert.equal(
      (await invoke('a:fb-5', 'message/submitAction', { actionName: 'feedback', actionValue: { reaction: 'like' } }, 'unknown')).status,
      200,
    );
    assert.equal((await bot.app.feedback.feedbackSummary()).helpful, before + 1);
  });

  it('a malformed message/submitAction gets 400 and records nothing', async () => {
    const before = await bot.app.feedback.feedbackSummary();
    for (const value of [
      undefined,
      {},
      { actionName: 'feedback', actionValue: { reaction: 'love' } },
      { actionName: 'other', actionValue: { reaction: 'like' } },
    ]) {
      const { status, body } = await invoke('a:fb-6', 'message/submitAction', value);
      assert.equal(status, 400, JSON.stringify(value));
      assert.match((body as { error: string }).error, /^not a feedback action: /);
    }
    const after = await bot.app.feedback.feedbackSummary();
    assert.deepEqual([after.helpful, after.notHelpful], [before.helpful, before.notHelpful]);
  });

  it('in Teams, a card sent before Universal Actions (Action.Submit) still records feedback and thanks', async () => {
    const press = {
      ...teamsPersonalMessage('', { serviceUrl: bot.serviceUrl, conversationId: 'a:fb-7' }),
      text: undefined,
      value: { feedback: 'helpful', kind: 'topic', question: 'which port does IM use?' },
    };
    assert.equal(await post(bot.botUrl, press), 200);
    assert.equal(bot.connector.inConversation('a:fb-7')[0]?.text, kb.message('feedback_thanks', 'en'));
  });
});
