import { strict as assert } from 'node:assert';
import { resolve } from 'node:path';
import { runEval } from '../scripts/lib/evalHarness';

describe('question set, end to end over HTTP (npm run eval)', () => {
  it('answers at least 95 % of the questions correctly, in both languages', async function () {
    this.timeout(120_000);
    const r = await runEval(resolve(__dirname, '../eval/questions.yaml'), 'emulator');
    assert.ok(r.total >= 150, `only ${r.total} questions`);
    assert.ok(r.byLang.en.total > 50 && r.byLang.fr.total > 50, 'both languages are covered');
    const share = r.passed / r.total;
    assert.ok(
      share >= 0.95,
      `${(share * 100).toFixed(1)} % correct; first failures:\n${r.failures
        .slice(0, 10)
        .map((f) => `${f.id} ${f.q}: ${f.reasons.join('; ')}`)
        .join('\n')}`,
    );
  });
});
