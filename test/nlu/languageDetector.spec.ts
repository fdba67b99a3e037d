import { strict as assert } from 'node:assert';
import { detectLanguage, languageWords } from '../../src/nlu/languageDetector';
import { realKnowledge } from '../helpers/knowledge';

describe('detectLanguage (the words of knowledge/language.yaml)', () => {
  const words = languageWords(realKnowledge().language.detector);
  const table: [string, 'en' | 'fr'][] = [
    ['is lync 2010 supported on lync server 2013?', 'en'],
    ['Lync 2010 est-il pris en charge sur Lync Server 2013 ?', 'fr'],
    ['quand la federation avec yahoo a pris fin', 'fr'],
    ['when did yahoo federation end', 'en'],
    ['quel port utilise la messagerie instantanee', 'fr'],
    ['what is the unified contact store', 'en'],
    ['et pour AOL ?', 'fr'],
    ['and AOL?', 'en'],
    ['fournisseurs PIC ?', 'fr'],
    ['AOL : appel audio possible ?', 'fr'],
    // French typography alone (a space before the question mark), no French word:
    ['skype federation, audio ok ?', 'fr'],
    ['skype federation, audio ok?', 'en'],
    // A word both languages write alike once accents drop counts for neither.
    ['federation yahoo ?', 'fr'],
  ];
  for (const [text, lang] of table) it(`"${text}" is ${lang}`, () => assert.equal(detectLanguage(text, words), lang));

  it('keeps the conversation language when the message does not show one', () => {
    assert.equal(detectLanguage('Lync Server 2013', words, 'fr'), 'fr');
    assert.equal(detectLanguage('Lync Server 2013', words, 'en'), 'en');
  });
});
