import { strict as assert } from 'node:assert';
import { questionStart } from '../../src/nlu/nlu';
import { realNlu } from '../helpers/knowledge';

describe('Nlu', () => {
  describe('abbreviations in capitals (language.yaml abbreviations)', () => {
    it('reads an abbreviation written in capitals as what it stands for, as a whole word only', () => {
      assert.equal(realNlu().understand('la SE supporte la voix entreprise ?').text, 'la Standard Edition supporte la voix entreprise ?');
      assert.equal(realNlu().understand('SE/EE ?').text, 'Standard Edition/Enterprise Edition ?');
      // (In lower case, "se" is a French word; inside a word, nothing.)
      assert.equal(realNlu().understand('il se connecte au pool ?').text, 'il se connecte au pool ?');
      assert.equal(realNlu().understand('SEE EEK').text, 'SEE EEK');
    });

    it('reads the language of the message as typed, not of what its abbreviations stand for', () => {
      assert.equal(realNlu().understand('bascule GC -> PC ce week-end. 1ere etape ?').lang, 'fr');
    });
  });

  describe('shortened words (language.yaml shortenings)', () => {
    it('writes shortened words out, word for word, the longest shortening first', () => {
      assert.deepEqual(realNlu().understand('et la haute dispo ?').tokens, ['et', 'la', 'haute', 'disponibilite']);
      assert.deepEqual(realNlu().understand('des infos sur la migration ?').tokens.slice(0, 2), ['des', 'informations']);
      // (A word only starting like one is left alone.)
      assert.deepEqual(realNlu().understand('haute disponibilite ?').tokens, ['haute', 'disponibilite']);
    });
  });

  describe('a question after its context', () => {
    it('finds where the question sentence starts, in tokens', () => {
      assert.equal(questionStart('is lync 2010 supported?'), 0);
      assert.equal(questionStart('We run OCS 2007 R2. Is Lync 2010 supported?'), 5);
      // (The last sentence that asks, when a statement follows it.)
      assert.equal(questionStart('We move next month. Any client to replace? We have Lync 2010.'), 4);
      assert.equal(questionStart('Context first. More context. what now'), 4);
    });

    it("classifies by the question's own sentence when it alone is sure of its intent", () => {
      const nlu = realNlu();
      const asked = 'Which cmdlet creates the legacy endpoint so they keep connecting?';
      const own = nlu.understand(asked).intent;
      const withContext = nlu.understand(
        `We are migrating our Group Chat pool to Persistent Chat this quarter. The Lync 2010 Group Chat clients stay on desks for a few more months. ${asked}`,
      );
      assert.equal(withContext.intent, own);
    });

    it('keeps the context when the sentence alone points to an intent about no product it names', () => {
      const nlu = realNlu();
      const asked = 'Is anything changing for us?';
      const alone = nlu.understand(asked);
      const withContext = nlu.understand(`We use PIC with Windows Live Messenger contacts. ${asked}`);
      assert.notEqual(withContext.intent, alone.intent);
      assert.ok(withContext.intent.startsWith('pic.'), withContext.intent);
    });
  });

  describe('known words', () => {
    it('knows the words the support statuses are asked with, trained or not', () => {
      assert.deepEqual(realNlu().understand("pourquoi OC 2007 R2 n'est que partiellement supporté ?").unknownWords, []);
    });
  });

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
