import { strict as assert } from 'node:assert';
import { endDateAnswer, providersAnswer } from '../../src/answers/publicImAnswers';
import type { Provider } from '../../src/knowledge/knowledgeBase';
import { fixtureKnowledge } from '../helpers/knowledge';

describe('public IM answers (fixture knowledge base: Skype, Yahoo!)', () => {
  const kb = fixtureKnowledge();
  const today = new Date('2026-11-21T00:00:00Z');

  it('says when Yahoo! federation ended and how long ago', () => {
    const a = endDateAnswer(kb, kb.provider('yahoo') as Provider, 'en', today);
    assert.match(a.headline, /ended on 30 June 2014, 12 years ago/);
    const fr = endDateAnswer(kb, kb.provider('yahoo') as Provider, 'fr', today);
    assert.match(fr.headline, /30 juin 2014, il y a 12 ans/);
  });

  it('says a date still ahead is ahead', () => {
    const a = endDateAnswer(kb, kb.provider('yahoo') as Provider, 'en', new Date('2014-06-01T00:00:00Z'));
    assert.match(a.headline, /ends on 30 June 2014, in 29 days/);
  });

  it('never invents an end date for Skype', () => {
    assert.match(endDateAnswer(kb, kb.provider('skype') as Provider, 'en', today).headline, /no end-of-service date/);
  });

  it('lists every provider in one table, the end dates first in the headline', () => {
    const a = providersAnswer(kb, 'end', 'en', today);
    assert.deepEqual(
      a.table?.rows.map((r) => [r[0]?.text, r[3]?.text]),
      [
        ['Skype', '—'],
        ['Yahoo!', '30 June 2014 (12 years ago)'],
      ],
    );
    assert.equal(a.headline, 'PIC federation with Yahoo! ended on 30 June 2014, 12 years ago.');
  });
});
