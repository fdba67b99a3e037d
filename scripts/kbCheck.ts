/**
 * `npm run kb:check [dir]`: validates a knowledge folder and prints a summary, then how the classifier,
 * trained on the `utterances` only, does on each intent's held-out `tests`, with the intents to look at
 * (too few training phrases, capturing other intents' tests). Exits 1 only when the folder is invalid:
 * the flags are advice, not errors.
 */
import { resolve } from 'node:path';
import { CodedError } from '../src/errors';
import { loadKnowledge } from '../src/knowledge/loader';
import { formatHeldOutReport, heldOutReport } from '../src/nlu/heldOutReport';

const dir = resolve(process.argv[2] ?? 'knowledge');
try {
  const kb = loadKnowledge(dir);
  const phrases = kb.training.reduce((n, i) => n + i.utterances.en.length + i.utterances.fr.length, 0);
  const tests = kb.training.reduce((n, i) => n + i.tests.en.length + i.tests.fr.length, 0);
  console.log(`${dir}: valid`);
  console.log(`  ${kb.clients.length} clients × ${kb.servers.length} servers, ${kb.support.footnotes.length} footnotes`);
  console.log(`  ${kb.providers.length} public IM providers`);
  console.log(`  ${kb.subjects.length} topic files, ${kb.training.length} intents, ${phrases} training phrases, ${tests} held-out tests`);
  console.log('');
  for (const line of formatHeldOutReport(heldOutReport(kb))) console.log(line);
} catch (err) {
  console.error(err instanceof CodedError ? err.message : err);
  process.exit(1);
}
