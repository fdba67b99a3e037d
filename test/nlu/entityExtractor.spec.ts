import { strict as assert } from 'node:assert';
import { editDistance, EntityExtractor } from '../../src/nlu/entityExtractor';
import { fixtureKnowledge } from '../helpers/knowledge';

describe('EntityExtractor (fixture knowledge base)', () => {
  const extractor = new EntityExtractor(fixtureKnowledge());
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
    ['Conversation de groupe Lync 2010 sur OCS 2007 R2', ['client:lync2010-groupchat', 'server:ocs2007r2']],
    ['la conversation de groupe lync 2010 est-elle prise en charge', ['client:lync2010-groupchat']],
    ['Lync 2013 and OC 2007 R2', ['client:lync2013', 'client:oc2007r2']],
    ['Lync 2010 Group Chat', ['client:lync2010-groupchat']],
    ['when does yahooo federation end, and skype?', ['provider:yahoo', 'provider:skype']],
    ['fédération avec messagerie Yahoo', ['provider:yahoo']],
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
