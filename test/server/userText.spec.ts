import { strict as assert } from 'node:assert';
import { emulatorMessage, post, slackMessage, teamsPersonalMessage } from '../../scripts/lib/activities';
import { startBot, type RunningBot } from '../helpers/server';

/** Questions carrying markup; each holds the marker `qx7` where its payload is. */
const HOSTILE = [
  'is lync 2010 supported on lync server 2013? <img src=x onerror=qx7>',
  'is qx7<script>alert(1)</script> supported on lync server 2013?',
  'when did yahoo federation end? [qx7](https://evil.example/)',
  'does **qx7** ![x](https://evil.example/qx7.png) work with exchange 2013?',
  'is <at>qx7</at> 2015 supported on lync server 2013?',
  '{{qx7}} ${qx7} | qx7 | --- |',
];

/** Every path in a JSON value whose string holds `marker`. */
function pathsWith(value: unknown, marker: string, path = ''): string[] {
  if (typeof value === 'string') return value.includes(marker) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => pathsWith(v, marker, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => pathsWith(v, marker, `${path}.${k}`));
  return [];
}

describe('what users type never reaches a card or a message as markup', function () {
  this.timeout(20_000);
  let bot: RunningBot;
  before(async () => {
    bot = await startBot();
  });
  after(async () => bot.stop());

  const shapes = [
    ['msteams', teamsPersonalMessage],
    ['emulator', emulatorMessage],
    ['slack', slackMessage],
  ] as const;

  for (const [channel, shape] of shapes) {
    it(`${channel}: the question appears only in the data a button posts back, never in text a client renders`, async () => {
      let i = 0;
      let inData = 0;
      for (const question of HOSTILE) {
        const conversationId = `inj-${channel}-${i++}`;
        assert.equal(await post(bot.botUrl, shape(question, { serviceUrl: bot.serviceUrl, conversationId })), 200);
        const replies = bot.connector.inConversation(conversationId);
        assert.ok(replies.length >= 1, question);
        for (const reply of replies) {
          const where = pathsWith(reply, 'qx7');
          inData += where.length;
          // Action.Submit data (a JSON value posted back, never displayed) is the only place allowed.
          assert.deepEqual(
            where.filter((p) => !/\.data\.question$/.test(p)),
            [],
            `${question} → ${where.join(', ')}`,
          );
        }
      }
      // Cards carry the question back in their feedback buttons: the search above did look inside them.
      if (channel !== 'slack') assert.ok(inData > 0);
    });
  }
});
