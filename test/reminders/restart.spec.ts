import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { emulatorMessage, post, visibleText } from '../../scripts/lib/activities';
import { listeningPort, type BotProcess } from '../helpers/botProcess';
import { aroundDate, knowledgeWithGateway, reminderBotProcesses, sleep, until } from '../helpers/reminderFixtures';

/**
 * Restarts as an operator causes them, with the bot as a process (the bundle `npm start` runs, built from the sources), HTTP only, and
 * a connector stand-in: reminders that fall due while the bot is down are delivered after the restart,
 * saying that they come late. (A SIGKILL in the middle of dispatching: restartKill.spec.ts; two replicas:
 * restartReplicas.spec.ts.)
 */
describe('reminders across restarts (processes, SQLite)', function () {
  this.timeout(180_000);
  const bots = reminderBotProcesses();
  const start = (env: Record<string, string>, sqliteDir: string): BotProcess => bots.start(env, sqliteDir);

  it('delivers, late and saying so, a reminder due while the bot was stopped with SIGTERM', async () => {
    const serviceUrl = await bots.connector.start();
    // A start and three turns before the stop, 3 s before the date; with more room on a loaded machine.
    await aroundDate([20_000, 45_000], 3000, async (date, tooLate) => {
      const attemptDir = mkdtempSync(join(bots.dir, 'attempt-'));
      const env = { KNOWLEDGE_DIR: knowledgeWithGateway(date), REMINDER_LATE_AFTER_MS: '1000' };
      const first = start(env, attemptDir);
      const url = `http://127.0.0.1:${await listeningPort(first)}`;
      const say = async (conversationId: string, text: string, locale = 'en-US'): Promise<string> => {
        const before = bots.connector.inConversation(conversationId).length;
        assert.equal(await post(url, emulatorMessage(text, { serviceUrl, conversationId, locale })), 200);
        return visibleText(bots.connector.inConversation(conversationId)[before] ?? {});
      };
      const answers = [
        await say('on-the-day', 'remind me on the day of the contoso gateway end'),
        await say('every-date', 'remind me of every end-of-life date'),
        await say('en-francais', 'rappelle-moi le jour même de la fin de la passerelle contoso', 'fr-FR'),
      ];
      if (tooLate()) {
        // The date came (too) near while the bot started or answered: the answers may say so instead.
        first.child.kill('SIGKILL');
        await first.exited;
        return 'too late';
      }
      assert.match(answers[0] ?? '', /^Done: I will remind you of Contoso IM gateway\.[\s\S]*When: on the day\./);
      assert.match(answers[1] ?? '', /^Done/);
      assert.match(answers[2] ?? '', /^C’est noté/);
      const before = bots.connector.received.length;
      // Stopped a few seconds before the date, started again a few seconds after it.
      await sleep(Math.max(0, date - 3000 - Date.now()));
      first.child.kill('SIGTERM');
      assert.equal(await first.exited, 0, 'a clean stop');
      if (Date.now() >= date) return 'too late'; // the stop took longer than the room left before the date
      assert.equal(bots.connector.received.length, before, 'nothing was due before the stop');
      await sleep(Math.max(0, date + 2000 - Date.now()));
      const second = start(env, attemptDir);
      await listeningPort(second);
      const reminders = (): typeof bots.connector.received => bots.connector.received.slice(before);
      assert.ok(await until(() => reminders().length >= 3, 30_000), `3 reminders after the restart (${reminders().length})`);
      await sleep(500);
      const texts = new Map(reminders().map((r) => [r.conversationId, visibleText(r.activity)]));
      assert.equal(reminders().length, 3, 'each once');
      assert.match(
        texts.get('on-the-day') ?? '',
        /Contoso IM gateway reache[sd] its end of life[\s\S]*This reminder comes late: it was due on/,
      );
      assert.match(texts.get('every-date') ?? '', /This reminder comes late/);
      assert.match(
        texts.get('en-francais') ?? '',
        /Rappel : Contoso IM gateway a(tteint| atteint) sa fin de vie[\s\S]*Ce rappel arrive en retard/,
      );
      assert.ok(second.stdout.join('').includes('"overdue":3'), 'the restart says how many were overdue');
      assert.ok(!second.stdout.join('').includes('"cancelled"'), 'nothing cancelled at start-up');
      second.child.kill('SIGTERM');
      await second.exited;
      return 'done';
    });
  });
});
