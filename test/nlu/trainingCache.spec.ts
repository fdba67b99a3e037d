import { strict as assert } from 'node:assert';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadQuestions } from '../../scripts/bench/questions';
import { Nlu, prepareTraining } from '../../src/nlu/nlu';
import { KnowledgeBase } from '../../src/knowledge/knowledgeBase';
import { readKnowledgeParts } from '../../src/knowledge/loader';
import {
  knowledgeDigest,
  readTrainingCache,
  serializeKnowledge,
  TRAINING_CACHE_FILE,
  type TrainingCache,
} from '../../src/nlu/trainingCache';
import { copyKnowledge, realKnowledge } from '../helpers/knowledge';

const ROOT = resolve(__dirname, '../..');

describe('knowledge and training computed by the build', () => {
  const kb = realKnowledge();
  const fresh = new Nlu(kb);
  // As the build writes it and the bot reads it: through JSON.
  const prepared = JSON.parse(JSON.stringify(prepareTraining(kb, fresh.extractor))) as ReturnType<typeof prepareTraining>;

  it('gives the same understanding of every evaluation question as training at start-up', () => {
    const cached = new Nlu(kb, undefined, prepared);
    const questions = loadQuestions(join(ROOT, 'eval/questions.yaml'));
    assert.ok(questions.length > 400);
    for (const { q, lang } of questions) {
      for (const text of [q, q.replace(/e/g, 'ee')]) {
        // and with typos
        assert.deepEqual(cached.understand(text, lang), fresh.understand(text, lang), text);
      }
    }
  });

  describe('readTrainingCache', () => {
    let dir: string;
    let knowledge: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'lync-cache-'));
      knowledge = copyKnowledge();
      const cache: TrainingCache = {
        buildId: 'build-1',
        knowledgeDigest: knowledgeDigest(knowledge),
        prepared,
        knowledge: serializeKnowledge(readKnowledgeParts(knowledge)),
      };
      writeFileSync(join(dir, TRAINING_CACHE_FILE), JSON.stringify(cache));
    });
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
      rmSync(knowledge, { recursive: true, force: true });
    });

    it('is used for the same build and the same knowledge: the same knowledge base as read from the folder, and the training', () => {
      const cached = readTrainingCache(dir, knowledge, 'build-1');
      assert.deepEqual(cached?.prepared, prepared);
      assert.deepEqual(cached?.knowledge, new KnowledgeBase(readKnowledgeParts(knowledge)));
    });

    it('is ignored by another build, by the sources (no build id), and without a file', () => {
      assert.equal(readTrainingCache(dir, knowledge, 'build-2'), undefined);
      assert.equal(readTrainingCache(dir, knowledge, undefined), undefined);
      assert.equal(readTrainingCache(knowledge, knowledge, 'build-1'), undefined);
    });

    it('is ignored when any knowledge file changed, even by a byte', () => {
      appendFileSync(join(knowledge, 'sources.yaml'), '\n'); // a file every knowledge folder has
      assert.equal(readTrainingCache(dir, knowledge, 'build-1'), undefined);
    });

    it('is ignored when unreadable', () => {
      writeFileSync(join(dir, TRAINING_CACHE_FILE), '{"buildId": "build-1", "knowl');
      assert.equal(readTrainingCache(dir, knowledge, 'build-1'), undefined);
    });
  });
});
