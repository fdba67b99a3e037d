import { strict as assert } from 'node:assert';
import { PhraseGroup, phraseTokens } from '../../src/reasoning/lexicon';
import { tokenize } from '../../src/nlu/normalize';

describe('phrase matching (language.yaml phrases)', () => {
  it('matches whole phrases and their inflected last word, the longest at each position', () => {
    const g = new PhraseGroup({ en: ['end', 'end of support', 'provider'], fr: ['terminé'] });
    assert.deepEqual(
      g.find(tokenize('end of support for the providers')).map((s) => s.text),
      ['end of support', 'providers'],
    );
    assert.deepEqual(
      g.find(tokenize('la fédération est terminée'), ['fr']).map((s) => s.text),
      ['terminee'],
    );
    assert.equal(g.has(tokenize('la fédération est terminée'), ['en']), false, 'a French phrase does not match in English');
  });

  it('lets up to four other words stand where a phrase says "…", the fewest that fit', () => {
    assert.deepEqual(phraseTokens('how long … kept').length, 4);
    assert.deepEqual(phraseTokens('how long ... kept'), phraseTokens('how long … kept'));
    const g = new PhraseGroup({ en: ['how long … kept'], fr: [] });
    const found = (text: string) => g.find(tokenize(text)).map((s) => s.text);
    assert.deepEqual(found('how long kept?'), ['how long kept']);
    assert.deepEqual(found('how long are the transcripts kept'), ['how long are the transcripts kept']);
    assert.deepEqual(found('how long is the data in the archive kept'), [], 'five words between: no match');
    assert.deepEqual(found('how long ago was it kept'), ['how long ago was it kept']);
    assert.deepEqual(found('kept how long'), []);
  });
});
