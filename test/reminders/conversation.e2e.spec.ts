import { strict as assert } from 'node:assert';
import { emulatorMessage, post, visibleText } from '../../scripts/lib/activities';
import { knowledgeWithGateway } from '../helpers/reminderFixtures';
import { startBot, type RunningBot } from '../helpers/server';

/** Contoso three days ahead at 17:00 UTC, Fabrikam on a plain date far ahead. */
function knowledge(): string {
  const contoso = new Date(Date.now() + 3 * 86_400_000);
  contoso.setUTCHours(17, 0, 0, 0);
  return knowledgeWithGateway(contoso.getTime(), true);
}

/** Reminders that do what was asked, in both languages (HTTP, in-process bot, connector stand-in). */
describe('reminder requests as users word them', function () {
  this.timeout(30_000);
  let bot: RunningBot;
  before(async () => {
    bot = await startBot({ KNOWLEDGE_DIR: knowledge() });
  });
  after(async () => bot.stop());

  const say = async (conversationId: string, text: string, locale = 'en-US'): Promise<string> => {
    const before = bot.connector.inConversation(conversationId).length;
    assert.equal(await post(bot.botUrl, emulatorMessage(text, { serviceUrl: bot.serviceUrl, conversationId, locale })), 200);
    return visibleText(bot.connector.inConversation(conversationId)[before] ?? {});
  };
  const pending = async (conversation: string): Promise<number[]> =>
    (
      await bot.app.database.db
        .selectFrom('reminder_sends')
        .select('lead_minutes')
        .where('conversation_key', '=', `emulator:${conversation}`)
        .where('status', '=', 'pending')
        .execute()
    )
      .map((r) => Number(r.lead_minutes))
      .sort((a, b) => a - b);

  it('describes an end-of-life entry and says when it ends, in both languages', async () => {
    assert.match(
      await say('what', 'what is the contoso gateway?'),
      /^The Contoso IM gateway stops federating\.[\s\S]*Contoso IM gateway reaches its end of life on/,
    );
    assert.match(
      await say('when', 'when does the contoso gateway end?'),
      /^Contoso IM gateway reaches its end of life on \d+ \w+ \d{4}, in 3 days\./,
    );
    assert.match(
      await say('quand', 'quand se termine la passerelle contoso ?', 'fr-FR'),
      /^Contoso IM gateway atteint sa fin de vie le .*, dans 3 jours\./,
    );
  });

  it('"on the day of" is on the day only', async () => {
    const reply = await say('day-of', 'remind me on the day of the contoso gateway end');
    assert.match(reply, /^Done: I will remind you of Contoso IM gateway\.[\s\S]*When: on the day\./);
    assert.doesNotMatch(reply, /day before/);
    assert.deepEqual(await pending('day-of'), [0]);
  });

  it('accepts hours and says when the next reminder goes out, with its time and zone', async () => {
    const reply = await say('hours', 'remind me 2 hours before the contoso gateway ends');
    assert.match(reply, /When: 2 hours before\.[\s\S]*Next reminder: \d+ \w+ \d{4} at 15:00 UTC \(Contoso IM gateway\)/);
    assert.deepEqual(await pending('hours'), [120]);
    assert.match(
      await say('hours-fr', 'rappelle-moi une heure avant la fin de la passerelle contoso', 'fr-FR'),
      /Quand : une heure avant\.[\s\S]*Prochain rappel : .* à 16:00 UTC/,
    );
  });

  it('says that a lead time has already passed instead of "Done", and schedules nothing', async () => {
    const reply = await say('too-late', 'remind me 7 days before the contoso gateway ends');
    assert.match(reply, /^No reminder scheduled for Contoso IM gateway: every time you asked for has already passed\./);
    assert.match(reply, /Too late for a reminder 7 days before Contoso IM gateway: it falls on .* at 17:00 UTC\./);
    assert.doesNotMatch(reply, /Done/);
    assert.deepEqual(await pending('too-late'), []);
    const fr = await say('trop-tard', 'rappelle-moi 10 jours avant la fin de la passerelle contoso', 'fr-FR');
    assert.match(fr, /^Aucun rappel programmé pour Contoso IM gateway/);
  });

  it('refuses a lead time over a year and keeps what can be done', async () => {
    assert.match(
      await say('far', 'remind me 400 days before the fabrikam bridge ends'),
      /^I cannot remind you more than a year ahead \(400 days before\)/,
    );
    assert.deepEqual(await pending('far'), []);
    const both = await say('far', 'remind me 400 days and 7 days before the fabrikam bridge ends');
    assert.match(both, /^Done[\s\S]*When: 7 days before\.[\s\S]*I cannot remind you more than a year ahead \(400 days before\)/);
  });

  it('adds lead times on a second request and says so; "only" replaces them', async () => {
    await say('again', 'remind me 7 days before the fabrikam bridge ends');
    const added = await say('again', 'remind me on the day of the fabrikam bridge too');
    assert.match(added, /You already had reminders 7 days before for Fabrikam bridge; I added on the day\./);
    assert.match(added, /When: 7 days before and on the day\./);
    const replaced = await say('again', 'remind me only the day before the fabrikam bridge');
    assert.match(replaced, /Your earlier reminders for Fabrikam bridge \(7 days before and on the day\) are replaced\./);
    assert.match(await say('again', 'what reminders do I have?'), /Fabrikam bridge: the day before; next on 31 December 2098 at 09:00 UTC/);
  });

  it('sends one reminder per date and time under "every date" plus one date, and cancels one date out of "all"', async () => {
    await say('all', 'remind me of every end-of-life date');
    await say('all', 'remind me on the day of the contoso gateway end');
    const before = await pending('all');
    assert.equal(before.filter((m) => m === 0).length, 2, 'on the day: one for each date, not two for Contoso');
    assert.match(await say('all', 'cancel the contoso gateway reminder'), /^Done: no more reminders about Contoso IM gateway\./);
    const list = await say('all', 'what reminders do I have?');
    assert.match(
      list,
      /All end-of-life dates except Contoso IM gateway: 30 days before, 7 days before, the day before and on the day; next on/,
    );
    assert.doesNotMatch(list, /Contoso IM gateway: on the day/);
    const dates = await bot.app.database.db
      .selectFrom('reminder_sends')
      .select('deadline_id')
      .distinct()
      .where('conversation_key', '=', 'emulator:all')
      .where('status', '=', 'pending')
      .execute();
    assert.deepEqual(
      dates.map((d) => d.deadline_id),
      ['eol:fabrikam-bridge'],
    );
  });
});
