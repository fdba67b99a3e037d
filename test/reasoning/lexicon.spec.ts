import { strict as assert } from 'node:assert';
import { tokenize } from '../../src/nlu/normalize';
import { Lexicon, PhraseGroup, phraseTokens } from '../../src/reasoning/lexicon';
import { Reasoner } from '../../src/reasoning/reasoner';
import { realKnowledge, realNlu } from '../helpers/knowledge';

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

describe('clauses of a sentence (language.yaml joiners.clauses)', () => {
  const lex = new Lexicon(realKnowledge().language);
  const split = (s: string) => s.split(lex.clauseBreak).map((c) => c.trim());

  it('splits a sentence at ; and : and at the words opening a contrasting clause, in both languages', () => {
    assert.deepEqual(split('Lync 2013 shows them; Lync 2010 cannot.'), ['Lync 2013 shows them', 'Lync 2010 cannot.']);
    assert.deepEqual(split('available in Outlook 2013, but it is not available to users homed on Lync Server 2010'), [
      'available in Outlook 2013',
      'it is not available to users homed on Lync Server 2010',
    ]);
    assert.deepEqual(split('Lync 2013 les affiche, mais Lync 2010 ne le peut pas'), ['Lync 2013 les affiche', 'Lync 2010 ne le peut pas']);
    assert.deepEqual(split('aux petites organisations, tandis qu’Enterprise Edition'), [
      'aux petites organisations',
      '’Enterprise Edition',
    ]);
    assert.deepEqual(split('a butler'), ['a butler'], 'whole words only');
  });
});

describe('numbers in a question (language.yaml numbers)', () => {
  const lex = new Lexicon(realKnowledge().language);

  it('reads digits and number words of either language, not an article', () => {
    assert.equal(lex.numberIn('3'), 3);
    assert.equal(lex.numberIn('two'), 2);
    assert.equal(lex.numberIn('trois'), 3);
    assert.equal(lex.numberIn('a'), undefined);
    assert.equal(lex.numberIn('une'), undefined);
    assert.equal(lex.numberIn('pool'), undefined);
  });
});

describe('typo correction (into words of the language data)', () => {
  const lex = new Lexicon(realKnowledge().language);

  it('corrects a typo into the one nearest word of the language data, keeping its first letter', () => {
    assert.equal(lex.correct('suported'), 'supported');
    assert.equal(lex.correct('evry'), 'every');
    assert.equal(lex.correct('federaton'), 'federation');
  });

  it("corrects into a word of the knowledge's texts of the question's language too", () => {
    const reasoner = new Reasoner(realKnowledge());
    const nlu = realNlu();
    assert.ok(reasoner.frame(nlu.understand('exchange 2013 archving with LS2010, possible?')).tokens.includes('archiving'));
  });

  it("corrects into a word of the question's language only", () => {
    assert.equal(lex.correct('standardise', 'fr'), 'standardiste', 'a French word missing a letter');
    assert.equal(lex.correct('standardise', 'en'), undefined, 'no typo of the French "standardiste"');
    assert.equal(lex.correct('suported', 'en'), 'supported');
  });

  it('leaves words of the language data, short words and other first letters alone', () => {
    assert.equal(lex.correct('supported'), undefined, 'a word it knows');
    assert.equal(lex.correct('hw'), undefined, 'too short to carry a typo');
    assert.equal(lex.correct('route'), undefined, '"coute" starts with another letter');
  });

  it('reads a message with typos as typed correctly, but never a word the knowledge uses', () => {
    const reasoner = new Reasoner(realKnowledge());
    const nlu = realNlu();
    assert.deepEqual(reasoner.frame(nlu.understand('is evry lync 2010 client suported on LS2013?')).tokens.slice(0, 2), ['is', 'every']);
    assert.ok(reasoner.frame(nlu.understand('is evry lync 2010 client suported on LS2013?')).tokens.includes('supported'));
    assert.ok(reasoner.frame(nlu.understand('which clients are only partly supported?')).tokens.includes('partly'), '"partly" is a word');
    assert.ok(reasoner.frame(nlu.understand('our PIC USL expires in March 2014')).tokens.includes('march'), 'a month is a word');
  });
});

describe('typo correction leaves other words alone', () => {
  it('never puts one letter for another ("bread" is no typo of "break")', () => {
    const lex = new Lexicon(realKnowledge().language);
    assert.equal(lex.correct('bread'), undefined);
    assert.equal(lex.correct('licnese'), 'license', 'two letters swapped');
  });
});
