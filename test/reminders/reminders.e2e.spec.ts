import { strict as assert } from 'node:assert';
import { emulatorMessage, post, teamsPersonalMessage, visibleText } from '../../scripts/lib/activities';
import { knowledgeWithGateway } from '../helpers/reminderFixtures';
import { startBot, type RunningBot } from '../helpers/server';

describe('reminders end to end (HTTP, scheduler, connector stand-in)', function () {
  this.timeout(30_000);
  let bot: RunningBot;
  before(async () => {
    bot = await startBot({ KNOWLEDGE_DIR: knowledgeWithGateway(Date.now() + 3000, true), REMINDER_POLL_MS: '100' });
  });
  after(async () => bot.stop());

  const say = async (conversationId: string, text: string, shape = emulatorMessage): Promise<string> => {
    const before = bot.connector.inConversation(conversationId).length;
    assert.equal(await post(bot.botUrl, shape(text, { serviceUrl: bot.serviceUrl, conversationId })), 200);
    return visibleText(bot.connector.inConversation(conversationId)[before] ?? {});
  };

  it('subscribes in chat and delivers the reminder when the date comes', async () => {
    assert.match(await say('rem-1', 'remind me before the contoso gateway ends'), /^Done: I will remind you of Contoso IM gateway\./);
    assert.match(
      await say('rem-1', 'what reminders do I have?'),
      /Contoso IM gateway: 30 days before, 7 days before, the day before and on the day; next on /,
    );
    await bot.connector.waitFor('rem-1', 3, 10_000);
    const reminder = bot.connector.inConversation('rem-1')[2];
    assert.match(visibleText(reminder ?? {}), /^Reminder: Contoso IM gateway reaches its end of life on .*today\./);
    assert.equal(
      (reminder?.attachments?.[0] as { contentType?: string } | undefined)?.contentType,
      'application/vnd.microsoft.card.adaptive',
    );
    // The connector has it; the send is recorded as sent right after its response.
    for (let i = 0; i < 50 && (await bot.app.reminders.store.sendCounts()).sent !== 1; i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(await bot.app.reminders.store.sendCounts(), { sent: 1 });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(bot.connector.inConversation('rem-1').length, 3, 'delivered once');
    const metrics = await (await fetch(`${bot.botUrl}/metrics`)).text();
    assert.match(metrics, /^bot_proactive_sends_total\{queue="reminders",outcome="sent"\} 1$/m);
    assert.match(metrics, /^bot_send_queue_depth\{queue="reminders"\} 0$/m);
    assert.match(metrics, /^bot_turns_total\{channel="emulator",outcome="reminder"\} 2$/m, 'both reminder answers counted as such');
  });

  it('answers a past date at once, schedules nothing, and offers the dates still ahead (French)', async () => {
    const reply = await say('rem-2', 'préviens-moi avant la fin de la fédération Yahoo', teamsPersonalMessage);
    assert.match(reply, /^La fédération PIC avec Yahoo! a pris fin le 30 juin 2014, il y a \d+ ans : il n’y a plus rien à vous rappeler\./);
    assert.match(reply, /Dates encore à venir : .*Fabrikam bridge \(1er janvier 2099/);
    assert.match(await say('rem-2', 'quels rappels ai-je ?', teamsPersonalMessage), /Vous n’avez aucun rappel/);
  });

  it('lists and cancels subscriptions', async () => {
    await say('rem-3', 'remind me about federation end-of-life dates');
    assert.match(
      await say('rem-3', 'what reminders do I have?'),
      /All end-of-life dates: 30 days before, 7 days before, the day before and on the day/,
    );
    assert.match(await say('rem-3', 'stop the reminders'), /^Done: reminders cancelled \(1\)\./);
    assert.match(await say('rem-3', 'what reminders do I have?'), /You have no reminders/);
  });

  it('never subscribes on a request that is not about reminders', async () => {
    assert.match(await say('rem-4', 'peux-tu me réserver un train pour Marseille ?'), /^Je ne peux pas répondre à cela/);
    assert.deepEqual(await bot.app.reminders.store.subscriptions('emulator:rem-4'), { items: [], excluded: [] });
  });
});
