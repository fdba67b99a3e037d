import { strict as assert } from 'node:assert';
import { endDateAnswer, providersAnswer } from '../../src/answers/publicImAnswers';
import type { Provider } from '../../src/knowledge/knowledgeBase';
import { realKnowledge } from '../helpers/knowledge';

describe('public IM answers (real knowledge base)', () => {
  const kb = realKnowledge();
  const today = new Date('2026-11-21T00:00:00Z');

  it('says when Yahoo! federation ended and how long ago', () => {
    const a = endDateAnswer(kb, kb.provider('yahoo') as Provider, 'en', today);
    assert.match(a.headline, /ended on 30 June 2014, 12 years ago/);
    const fr = endDateAnswer(kb, kb.provider('yahoo') as Provider, 'fr', today);
    assert.match(fr.headline, /30 juin 2014, il y a 12 ans/);
  });

  it('says a date still ahead is ahead', () => {
    const a = endDateAnswer(kb, kb.provider('aol') as Provider, 'en', new Date('2014-06-01T00:00:00Z'));
    assert.match(a.headline, /ends on 30 June 2014, in 29 days/);
  });

  it('never invents an end date for Skype', () => {
    assert.match(endDateAnswer(kb, kb.provider('skype') as Provider, 'en', today).headline, /no end-of-service date/);
  });

  it('lists every provider in one table', () => {
    const a = providersAnswer(kb, 'end', 'en', today);
    assert.equal(a.table?.rows.length, 4);
    assert.match(a.headline, /AOL and Yahoo! ended on 30 June 2014|Yahoo! and AOL ended on 30 June 2014/);
  });
});
