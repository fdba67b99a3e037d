import { strict as assert } from 'node:assert';
import { editDistance, EntityExtractor } from '../../src/nlu/entityExtractor';
import { realKnowledge } from '../helpers/knowledge';

describe('EntityExtractor', () => {
  const extractor = new EntityExtractor(realKnowledge());
  const ids = (text: string): string[] => extractor.extract(text).map((m) => `${m.kind}:${m.id}`);

  it('computes the edit distance with transpositions', () => {
    assert.equal(editDistance('lnyc', 'lync', 2), 1);
    assert.equal(editDistance('comunicator', 'communicator', 2), 1);
    assert.equal(editDistance('abc', 'xyz', 1), 2);
  });

  const table: [string, string[]][] = [
    ['is lync 2010 supported on lync server 2013', ['client:lync2010', 'server:ls2013']],
    ['is lnyc 2010 suported on lync sever 2013', ['client:lync2010', 'server:ls2013']],
    ['lync2010 on ocs2007r2?', ['client:lync2010', 'server:ocs2007r2']],
    ['office comunicator 2007 r2 with ls2013', ['client:oc2007r2', 'server:ls2013']],
    ['OC 2007 R2 vs OCS 2007 R2', ['client:oc2007r2', 'server:ocs2007r2']],
    ['Intendant Lync 2010 sur Lync Server 2010', ['client:lync2010-attendant', 'server:ls2010']],
    ['le participant lync 2010 est-il pris en charge', ['client:lync2010-attendee']],
    ['conversation de groupe Lync 2010', ['client:lync2010-groupchat']],
    ['Lync Web App 2013 and LWA 2010', ['client:lwa2013', 'client:lwa2010']],
    ['OCS 2007 R2 Attendant', ['client:ocs2007r2-attendant']],
    ['live meeting 2007', ['client:livemeeting2007']],
    ['when does yahooo federation end, and AIM?', ['provider:yahoo', 'provider:aol']],
    ['fédération avec Windows Live Messenger', ['provider:wlm']],
    ['Skype', ['provider:skype']],
  ];
  for (const [text, expected] of table) {
    it(`finds ${expected.join(', ') || 'nothing'} in "${text}"`, () => assert.deepEqual(ids(text), expected));
  }

  it('does not mistake short words for products ("sync" is not Lync)', () => {
    assert.deepEqual(ids('does onedrive sync work on windows 2010'), []);
    assert.deepEqual(ids('what is the weather in paris'), []);
  });

  it('keeps versions exact: Lync 2013 is not Lync 2010', () => {
    assert.deepEqual(ids('lync 2013'), ['client:lync2013']);
    assert.deepEqual(ids('lync 2011'), []);
  });
});
