import { strict as assert } from 'node:assert';
import { clipQuestion, MAX_QUESTION_LENGTH, questionKey } from '../../src/storage/questionKey';

describe('questionKey', () => {
  it('folds case, spacing, compatibility forms and trailing punctuation', () => {
    const same = ['Is Lync 2010 supported?', 'is lync 2010  supported', '  IS LYNC 2010\tSUPPORTED ?! ', 'Is Lync ２０１０ supported…'];
    assert.deepEqual(new Set(same.map(questionKey)), new Set(['is lync 2010 supported']));
  });

  it('keeps what changes the meaning: words, accents, inner punctuation', () => {
    assert.notEqual(questionKey('Lync 2010 supported?'), questionKey('Lync 2013 supported?'));
    assert.notEqual(questionKey('fédération'), questionKey('federation'));
    assert.equal(questionKey('Is Lync 2010 (x86) supported?'), 'is lync 2010 (x86) supported');
  });
});

describe('clipQuestion', () => {
  it('leaves a question of normal length alone', () => {
    assert.equal(clipQuestion('Is Lync 2010 supported?'), 'Is Lync 2010 supported?');
  });

  it('cuts a very long one without splitting a character', () => {
    const clipped = clipQuestion('🚀'.repeat(MAX_QUESTION_LENGTH + 10));
    assert.equal(Array.from(clipped).length, MAX_QUESTION_LENGTH);
    assert.ok(Array.from(clipped).every((c) => c === '🚀'));
  });
});
