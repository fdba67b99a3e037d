import { strict as assert } from 'node:assert';
import { realNlu } from '../helpers/knowledge';

describe('Nlu', () => {
  describe('spelling correction', () => {
    it('corrects a typo of a training word', () => {
      const u = realNlu().understand('is lync 2010 suported on lync server 2013');
      assert.deepEqual(u.unknownWords, []);
      assert.equal(u.intent, realNlu().understand('is lync 2010 supported on lync server 2013').intent);
    });

    it('leaves an unknown eight- or nine-letter word unknown instead of "correcting" it into a shorter word', () => {
      // editDistance answers max + 1 when it gives up; that once counted as a match two letters away.
      for (const word of ['xylophone', 'qqqqqqqq', 'blahblahx']) {
        const u = realNlu().understand(word);
        assert.deepEqual(u.unknownWords, [word], word);
        assert.equal(u.knownWords, 0, word);
      }
    });
  });
});
