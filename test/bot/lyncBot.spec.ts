import { strict as assert } from 'node:assert';
import { MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import pino from 'pino';
import sinon from 'sinon';
import { createBot } from '../../src/app';
import type { FeedbackRecord, QuestionLog, UnansweredRecord } from '../../src/bot/questionLog';
import { parseConfig } from '../../src/config';
import { realKnowledge } from '../helpers/knowledge';
import { visibleText } from '../../scripts/lib/activities';

const BOT = { id: '28:bot', name: 'Lync Compat' };
const USER = { id: '29:user', name: 'Alex' };

/** A question log that keeps what it is given, to assert on. */
class RecordingLog implements QuestionLog {
  readonly feedback: FeedbackRecord[] = [];
  readonly unanswered: UnansweredRecord[] = [];
  async recordFeedback(r: FeedbackRecord): Promise<void> {
    this.feedback.push(r);
  }
  async recordUnanswered(r: UnansweredRecord): Promise<void> {
    this.unanswered.push(r);
  }
}

function teams(conversation: Partial<Activity['conversation']>, extra: Partial<Activity>): Partial<Activity> {
  return {
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    from: USER,
    recipient: BOT,
    locale: 'en-US',
    conversation: { id: 'conv', isGroup: false, conversationType: 'personal', name: '', ...conversation },
    ...extra,
  };
}

const channel = { id: '19:c@thread.tacv2;messageid=1', isGroup: true, conversationType: 'channel' };
const groupChat = { id: '19:g@thread.v2', isGroup: true, conversationType: 'groupChat' };
const mention = { type: 'mention', mentioned: BOT, text: `<at>${BOT.name}</at>` };

describe('LyncBot (Teams behaviours)', () => {
  const sandbox = sinon.createSandbox();
  let log: RecordingLog;
  let storage: MemoryStorage;
  let adapter: TestAdapter;
  let forget: sinon.SinonSpy;

  beforeEach(() => {
    log = new RecordingLog();
    storage = new MemoryStorage();
    const { bot } = createBot(parseConfig({}), pino({ level: 'silent' }), { storage, questionLog: log }, { knowledge: realKnowledge() });
    forget = sandbox.spy();
    (bot as unknown as { deps: { forgetConversation: unknown } }).deps.forgetConversation = forget;
    adapter = new TestAdapter(async (context) => bot.run(context));
  });
  afterEach(() => sandbox.restore());

  const replies = (): Partial<Activity>[] => adapter.activeQueue.splice(0);

  it('greets once in a personal chat when the app is installed', async () => {
    await adapter.processActivity(teams({}, { type: 'conversationUpdate', membersAdded: [BOT] }));
    const sent = replies();
    assert.equal(sent.length, 1);
    assert.ok(visibleText(sent[0] ?? {}).includes(realKnowledge().message('welcome', 'en')), visibleText(sent[0] ?? {}));
    assert.equal(sent[0]?.text, undefined, 'one message: the card, no text beside it');
    assert.equal(sent[0]?.attachments?.[0]?.contentType, 'application/vnd.microsoft.card.adaptive');
  });

  it('introduces itself once to a team, and not to each member who joins later', async () => {
    await adapter.processActivity(
      teams(channel, { type: 'conversationUpdate', membersAdded: [BOT, USER, { id: '29:other', name: 'Sam' }] }),
    );
    const intro = replies();
    assert.equal(intro.length, 1);
    assert.match(visibleText(intro[0] ?? {}), /^Hello everyone!.*Mention me/s);
    await adapter.processActivity(teams(channel, { type: 'conversationUpdate', membersAdded: [{ id: '29:new', name: 'Kim' }] }));
    assert.equal(replies().length, 0);
  });

  it('answers in a channel or group chat only when @mentioned, without the mention', async () => {
    for (const conversation of [channel, groupChat]) {
      await adapter.processActivity(teams(conversation, { type: 'message', text: 'is lync 2010 supported on lync server 2013?' }));
      assert.equal(replies().length, 0, `silent without a mention in ${conversation.conversationType}`);
      await adapter.processActivity(
        teams(conversation, {
          type: 'message',
          text: `<at>${BOT.name}</at> is lync 2010 supported on lync server 2013?`,
          entities: [mention],
        }),
      );
      const answer = replies();
      assert.equal(answer.length, 1);
      assert.match(answer[0]?.summary ?? '', /^Yes\. Lync 2010 is supported on Lync Server 2013\./);
    }
  });

  it('answers every message in a personal chat', async () => {
    await adapter.processActivity(teams({}, { type: 'message', text: 'when did yahoo federation end?' }));
    assert.match(replies()[0]?.summary ?? '', /Yahoo! ended on 30 June 2014/);
  });

  it('forgets a conversation when the app is uninstalled or the bot removed', async () => {
    await adapter.processActivity(teams({}, { type: 'message', text: 'is lync 2010 supported?' }));
    replies();
    // ConversationState's key: channel, conversation id, and an empty namespace.
    const stored = async (): Promise<number> => Object.keys(await storage.read(['msteams/conversations/conv/'])).length;
    assert.equal(await stored(), 1, 'state saved after a turn');
    await adapter.processActivity(teams({}, { type: 'installationUpdate', action: 'remove' }));
    assert.equal(await stored(), 0, 'state deleted');
    assert.equal(forget.callCount, 1);
    await adapter.processActivity(teams(channel, { type: 'conversationUpdate', membersRemoved: [BOT] }));
    assert.equal(forget.callCount, 2);
    await adapter.processActivity(teams(channel, { type: 'conversationUpdate', membersRemoved: [USER] }));
    assert.equal(forget.callCount, 2, 'a member leaving is not the bot leaving');
  });

  it('forgets a conversation when a user asks, says so in their language, and does not write the state back', async () => {
    const stored = async (): Promise<number> => Object.keys(await storage.read(['msteams/conversations/conv/'])).length;
    await adapter.processActivity(teams({}, { type: 'message', text: 'is lync 2010 supported?' }));
    replies();
    assert.equal(await stored(), 1);
    await adapter.processActivity(teams({}, { type: 'message', text: 'forget me' }));
    assert.equal(replies()[0]?.text, realKnowledge().message('forgotten', 'en'));
    assert.equal(await stored(), 0, 'state deleted and not saved again');
    assert.equal(forget.callCount, 1, 'reference and subscriptions deleted');
    await adapter.processActivity(teams({}, { type: 'message', text: 'supprime mes données', locale: 'fr-FR' }));
    assert.equal(replies()[0]?.text, realKnowledge().message('forgotten', 'fr'));
    assert.equal(forget.callCount, 2);
    assert.equal(await stored(), 0);
  });

  it('records card feedback and thanks the user, in the conversation language', async () => {
    await adapter.processActivity(
      teams({}, { type: 'message', value: { feedback: 'helpful', question: 'q?', intent: 'pic.end_date', kind: 'provider' } }),
    );
    assert.deepEqual(log.feedback, [
      { channelId: 'msteams', helpful: true, lang: 'en', question: 'q?', intent: 'pic.end_date', answerKind: 'provider' },
    ]);
    assert.equal(replies()[0]?.text, realKnowledge().message('feedback_thanks', 'en'));
  });

  it('treats a malformed feedback value as an ordinary message', async () => {
    await adapter.processActivity(teams({}, { type: 'message', value: { feedback: 'maybe', question: 42 } }));
    assert.equal(log.feedback.length, 0);
    assert.match(replies()[0]?.text ?? '', /only read text/);
  });

  it("records a question it cannot answer, with the classifier's guess", async () => {
    await adapter.processActivity(teams({}, { type: 'message', text: 'what is the best pizza in Naples?' }));
    assert.match(replies()[0]?.summary ?? '', /can't answer/);
    assert.equal(log.unanswered.length, 1);
    assert.equal(log.unanswered[0]?.question, 'what is the best pizza in Naples?');
    assert.equal(log.unanswered[0]?.reason, 'out-of-scope');
  });
});
