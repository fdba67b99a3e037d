/**
 * `npm run eval [file]`: answers the question set end to end over HTTP and prints the share answered
 * correctly, by language, with every failure. Exits 1 below 95 %.
 */
import { resolve } from 'node:path';
import { runEval } from './lib/evalHarness';

const TARGET = 0.95;

async function main(): Promise<void> {
  const file = resolve(process.argv[2] ?? 'eval/questions.yaml');
  const r = await runEval(file);
  for (const f of r.failures) console.log(`✗ ${f.id}: ${f.q}\n    ${f.reasons.join('\n    ')}\n    reply: ${f.reply}`);
  const pct = (p: number, t: number): string => `${((100 * p) / Math.max(t, 1)).toFixed(1)} %`;
  console.log(`\nEnglish: ${r.byLang.en.passed}/${r.byLang.en.total} (${pct(r.byLang.en.passed, r.byLang.en.total)})`);
  console.log(`French:  ${r.byLang.fr.passed}/${r.byLang.fr.total} (${pct(r.byLang.fr.passed, r.byLang.fr.total)})`);
  console.log(`Overall: ${r.passed}/${r.total} answered correctly (${pct(r.passed, r.total)}), target ${TARGET * 100} %`);
  if (r.passed / Math.max(r.total, 1) < TARGET) process.exit(1);
}

void main();
