import { strict as assert } from 'node:assert';
import { withVerdict } from '../../src/reasoning/verdicts';
import { realKnowledge } from '../helpers/knowledge';

describe('a sentence opened by its verdict', () => {
  const kb = realKnowledge();

  it('puts the verdict first, with the colon each language writes, and the sentence in lower case after it', () => {
    assert.equal(
      withVerdict(kb, 'en', true, 'Federation offers video with Windows Live Messenger.'),
      'Yes: federation offers video with Windows Live Messenger.',
    );
    assert.equal(withVerdict(kb, 'fr', false, 'Les clients titulaires…'), 'Non : les clients titulaires…');
  });

  it('keeps the capital of a product name the sentence opens with', () => {
    assert.equal(withVerdict(kb, 'en', true, 'Lync 2010 is supported.'), 'Yes: Lync 2010 is supported.');
  });
});
