/**
 * `npm run eval [--failures] [--trace] [--shape emulator|msteams|slack] [file…]`: answers the question sets end to
 * end over HTTP, on each channel shape, and prints the share answered correctly per set, shape, language
 * and category, invented support statuses and French questions not answered in French. With
 * `--failures`, every failure (of the first shape run); with `--trace`, every question and turn with the
 * start of its reply. Exits 1 when a target is missed.
 *
 * Sets: `eval/questions.yaml` (written with the training phrases in view: target 97 %),
 * `eval/heldout.yaml` (written apart from them, never trained on; its failures were read while the
 * reasoning layer was built, so it is now a development set: target 95 %), `eval/unseen.yaml` (written the
 * same way; aggregate scores only, except that one failure listing of about 40 of its items was printed by
 * mistake on 2026-11-30) and `eval/fresh.yaml` (written on 2026-11-30 by a helper session that saw only the
 * seeds and the glossary; aggregate scores only: the honest measure of what generalises; target 95 %),
 * `eval/fresh2.yaml` (written the same way later that day, after the reasoning work it measures:
 * aggregate scores only), `eval/dev3.yaml` (written the same way, mostly conversations, as a development
 * set: its failures are read), `eval/fresh3.yaml` (written at the same time by another helper session:
 * aggregate scores only) and `eval/dev4.yaml` (written the same way later, mostly single questions in
 * varied styles; a development set), `eval/dev5.yaml` (written on 2026-12-01 the same way, weighted to plans,
 * migrations, Exchange and Front End questions: a development set), `eval/fresh4.yaml` (written at the
 * same time by another helper session: aggregate scores only) and `eval/dev6.yaml` (written later that day the
 * same way, weighted to clarifications, licensing, plans and feature questions: a development set),
 * `eval/fresh5.yaml` (written on 2026-12-01, a later session, the same way, covering every shape evenly:
 * aggregate scores only), `eval/dev7.yaml` (written at the same time by another helper session, weighted
 * to plans, Group Chat migration, counts and licensing: a development set) and `eval/fresh6.yaml` (written
 * later that session the same way, terser and more managerial: aggregate scores only, first run on the
 * session's starting commit and its end), `eval/dev8.yaml` (written on 2026-12-01 in the next session the same
 * way, weighted to Group Chat migration steps, plans, near misses, counts and Exchange: a development set) and
 * `eval/fresh7.yaml` (written at the same time by another helper session, as a helpdesk or consulting team
 * writes, long messages with their context: aggregate scores only, first run on that session's starting
 * commit; its aggregate failure kinds — first sentence, missing fact, decline — and the reply side of its
 * failures, never the questions or their checks, were looked at once before it was listed here), `eval/dev9.yaml`
 * (written on 2026-12-01 in the next session the same way, half helpdesk messages with their context and half
 * one-liners, weighted to yes/no inside long messages, Group Chat migration, counts, Exchange, Front End and near
 * misses: a development set) and `eval/fresh8.yaml` (written at the same time by another helper session, as
 * different people write, every category evenly: aggregate scores only, first run on that session's starting
 * commit), `eval/fresh9.yaml` (written the same way in the session after: aggregate scores only), `eval/dev10.yaml`
 * (written on 2026-12-02 the same way, weighted to plans, follow-ups, counts, Group Chat migration, clarifications
 * and near misses: a development set) and `eval/fresh10.yaml` (written at the same time by another helper session,
 * as different people write — helpdesk, manager, consultant, architect, phone — every category evenly: aggregate
 * scores only, first run on that session's starting commit), `eval/dev11.yaml` (written on 2026-12-02 in the next
 * session the same way, weighted to plans, near misses, Group Chat migration, "why" follow-ups and PIC: a development
 * set) and `eval/fresh11.yaml` (written at the same time by another helper session, as different people write, every
 * category evenly: aggregate scores only, first run on that session's starting commit).
 *
 * A `clarify` check passes when the reply's first sentence, or its message text, asks a question: until
 * 2026-12-01 any "?" in the reply counted, and a card's "Was this answer helpful?" passed it.
 *
 * Sets whose failures must not be read (`AGGREGATE_ONLY`) never print them: `--failures` lists the others'.
 */
import { basename, resolve } from 'node:path';
import { runEval, SHAPES, type EvalResult, type ShapeName } from './lib/evalHarness';

const TARGETS: Record<string, number> = {
  'questions.yaml': 0.97,
  'heldout.yaml': 0.95,
  'unseen.yaml': 0.95,
  'fresh.yaml': 0.95,
  'fresh2.yaml': 0.95,
  'dev3.yaml': 0.95,
  'fresh3.yaml': 0.95,
  'dev4.yaml': 0.95,
  'dev5.yaml': 0.95,
  'dev6.yaml': 0.95,
  'fresh4.yaml': 0.95,
  'fresh5.yaml': 0.95,
  'dev7.yaml': 0.95,
  'fresh6.yaml': 0.95,
  'dev8.yaml': 0.95,
  'fresh7.yaml': 0.95,
  'dev9.yaml': 0.95,
  'fresh8.yaml': 0.95,
  'fresh9.yaml': 0.95,
  'dev10.yaml': 0.95,
  'fresh10.yaml': 0.95,
  'dev11.yaml': 0.95,
  'fresh11.yaml': 0.95,
};
/** Held-out sets measured by their aggregate scores alone: reading their failures would turn them into training data. */
const AGGREGATE_ONLY = new Set([
  'unseen.yaml',
  'fresh.yaml',
  'fresh2.yaml',
  'fresh3.yaml',
  'fresh4.yaml',
  'fresh5.yaml',
  'fresh6.yaml',
  'fresh7.yaml',
  'fresh8.yaml',
  'fresh9.yaml',
  'fresh10.yaml',
  'fresh11.yaml',
]);

const pct = (p: number, t: number): string => `${((100 * p) / Math.max(t, 1)).toFixed(1)} %`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const showFailures = args.includes('--failures');
  // Every turn and the start of its reply, passed or not (sets whose failures may be read only).
  const trace = args.includes('--trace');
  const shapeAt = args.indexOf('--shape');
  const shapes = (shapeAt >= 0 ? [args[shapeAt + 1]] : Object.keys(SHAPES)) as ShapeName[];
  const files = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--shape');
  const sets = (
    files.length > 0
      ? files
      : [
          'eval/questions.yaml',
          'eval/heldout.yaml',
          'eval/dev3.yaml',
          'eval/dev4.yaml',
          'eval/dev5.yaml',
          'eval/dev6.yaml',
          'eval/unseen.yaml',
          'eval/fresh.yaml',
          'eval/fresh2.yaml',
          'eval/fresh3.yaml',
          'eval/fresh4.yaml',
          'eval/dev7.yaml',
          'eval/fresh5.yaml',
          'eval/fresh6.yaml',
          'eval/dev8.yaml',
          'eval/fresh7.yaml',
          'eval/dev9.yaml',
          'eval/fresh8.yaml',
          'eval/fresh9.yaml',
          'eval/dev10.yaml',
          'eval/fresh10.yaml',
          'eval/dev11.yaml',
          'eval/fresh11.yaml',
        ]
  ).map((f) => resolve(f));
  let missed = false;
  for (const file of sets) {
    const name = basename(file);
    const target = TARGETS[name] ?? 0.95;
    const results: EvalResult[] = [];
    const onTurn =
      trace && !AGGREGATE_ONLY.has(name)
        ? (t: { id: string; q: string; reply: string; passed: boolean }) =>
            console.log(`${t.passed ? '✓' : '✗'} ${t.id}: ${t.q}\n      ${t.reply.replace(/\s+/g, ' ').slice(0, 220)}`)
        : undefined;
    for (const [i, shape] of shapes.entries()) results.push(await runEval(file, shape, {}, i === 0 ? onTurn : undefined));
    const first = results[0] as EvalResult;
    if (showFailures && AGGREGATE_ONLY.has(name)) console.log(`(${name}: aggregate scores only; its failures are not listed)`);
    else if (showFailures)
      for (const f of first.failures)
        console.log(`✗ [${f.category}] ${f.id}: ${f.q}\n    ${f.reasons.join('\n    ')}\n    reply: ${f.reply}`);
    console.log(`\n${name} (target ${target * 100} %)`);
    for (const r of results) {
      console.log(
        `  ${r.shape.padEnd(8)} ${r.passed}/${r.total} (${pct(r.passed, r.total)})  en ${pct(r.byLang.en.passed, r.byLang.en.total)}  fr ${pct(r.byLang.fr.passed, r.byLang.fr.total)}` +
          `  invented statuses ${r.invented}  French not in French ${r.frenchNotInFrench}`,
      );
      if (r.passed / Math.max(r.total, 1) < target || r.invented > 0 || r.frenchNotInFrench > 0) missed = true;
    }
    console.log(`  per category (${first.shape}):`);
    for (const [category, t] of Object.entries(first.byCategory).sort())
      console.log(
        `    ${category.padEnd(14)} ${String(t.passed).padStart(4)}/${String(t.total).padEnd(4)} ${pct(t.passed, t.total)}` +
          (t.invented ? `  invented ${t.invented}` : ''),
      );
  }
  if (missed) process.exitCode = 1;
}

void main();
