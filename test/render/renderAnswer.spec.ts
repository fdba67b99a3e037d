import { strict as assert } from 'node:assert';
import { helpAnswer, messageAnswer } from '../../src/answers/metaAnswers';
import { providersAnswer } from '../../src/answers/publicImAnswers';
import { matrixAnswer } from '../../src/answers/supportAnswers';
import { CARD_CHANNELS, renderAnswer, renderingOf, summaryOf } from '../../src/render/renderAnswer';
import { fixtureKnowledge } from '../helpers/knowledge';

describe('renderAnswer (channel-aware, fixture knowledge base)', () => {
  const kb = fixtureKnowledge();
  const matrix = matrixAnswer(kb, 'en');

  for (const channel of ['msteams', 'emulator', 'webchat', 'directline']) {
    it(`${channel}: one message, the Adaptive Card, with the direct answer as its summary and no text beside it`, () => {
      const activity = renderAnswer(kb, matrix, channel);
      assert.equal(activity.text, undefined, 'Teams would show text and card as two bubbles');
      assert.equal(activity.summary, matrix.headline);
      assert.equal(activity.attachments?.length, 1);
      assert.equal(activity.attachments?.[0]?.contentType, 'application/vnd.microsoft.card.adaptive');
      const card = activity.attachments?.[0]?.content as { fallbackText: string; body: { text?: string }[] };
      assert.match(
        card.fallbackText,
        new RegExp(`^${matrix.headline.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
        'clients without cards read the whole answer',
      );
      assert.ok(
        card.body.slice(0, 3).some((e) => e.text === matrix.headline),
        'the direct answer at the top of the card',
      );
      assert.equal(activity.suggestedActions, undefined, 'buttons are in the card');
    });
  }

  it("msteams: Teams' own feedback buttons under answers, none under help; other card channels: none", () => {
    assert.deepEqual(renderAnswer(kb, matrix, 'msteams').channelData, { feedbackLoopEnabled: true });
    assert.equal(renderAnswer(kb, matrix, 'emulator').channelData, undefined);
    assert.equal(renderAnswer(kb, helpAnswer(kb, 'en', 'help'), 'msteams').channelData, undefined);
  });

  it('a summary is plain text on one line, cut at a word when very long', () => {
    const long = { ...matrix, headline: `${'word '.repeat(80)}end` };
    const summary = summaryOf(long);
    assert.ok(summary.length <= 200, `${summary.length}`);
    assert.match(summary, /^word( word)+…$/);
    assert.equal(summaryOf({ ...matrix, headline: 'Yes.\n Lync  2010' }), 'Yes. Lync 2010');
  });

  it('slack: the same facts as a mrkdwn text table, no card', () => {
    const activity = renderAnswer(kb, matrix, 'slack');
    assert.equal(activity.attachments, undefined);
    assert.match(activity.text ?? '', /```\nClient\s+Lync Server 2013\s+OCS 2007 R2\n-+/);
    assert.match(activity.text ?? '', /^Office Communicator 2007 R2 +Interoperable \[1\] +Supported$/m);
    assert.match(activity.text ?? '', /^\[1\] The presence and IM features/m);
    for (const c of kb.clients) assert.ok(activity.text?.includes(c.name), c.name);
    assert.match(activity.text ?? '', /^_Source: /m);
  });

  it('a channel not known to render cards: a Markdown table, no card', () => {
    assert.equal(renderingOf('telegram'), 'markdown');
    const activity = renderAnswer(kb, providersAnswer(kb, 'end', 'en', new Date('2026-11-21T00:00:00Z')), 'telegram');
    assert.equal(activity.attachments, undefined);
    assert.match(activity.text ?? '', /\| Provider \| Federated features \| Licensing \| End of service \|/);
    assert.match(activity.text ?? '', /\| Yahoo! \| IM and presence \| .* \| 30 June 2014 \(12 years ago\) \|/);
    assert.match(activity.text ?? '', /\| Skype \| IM, presence and audio \| .* \| — \|/);
  });

  it('a short message needs no card on any channel', () => {
    const activity = renderAnswer(kb, messageAnswer(kb, 'en', 'thanks'), 'msteams');
    assert.equal(activity.attachments, undefined);
    assert.equal(activity.text, kb.message('thanks', 'en'));
    assert.ok((activity.suggestedActions?.actions.length ?? 0) > 0);
  });

  it('keeps the summary as written (it is plain text, not Markdown)', () => {
    const a = { ...matrix, headline: 'Use OCSChat@<domain> & co' };
    assert.equal(renderAnswer(kb, a, 'msteams').summary, 'Use OCSChat@<domain> & co');
  });

  it('knows exactly the card channels of the issue', () => {
    assert.deepEqual([...CARD_CHANNELS].sort(), ['directline', 'emulator', 'msteams', 'webchat']);
  });
});
