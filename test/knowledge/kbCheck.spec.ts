import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { copyFixture, editYaml } from '../helpers/knowledge';

const execFileAsync = promisify(execFile);
const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

/** `npm run kb:check <dir>` as the knowledge-base owner runs it. */
async function kbCheck(dir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(TSX, [join(ROOT, 'scripts/kbCheck.ts'), dir], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('npm run kb:check (on copies of the fixture knowledge base)', () => {
  let dir: string;
  beforeEach(() => {
    dir = copyFixture();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 on valid knowledge even with flags, printing the summary, the per-intent table and the flags', async () => {
    const run = await kbCheck(dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      /: valid\n {2}4 clients × 2 servers, 1 footnotes\n {2}2 public IM providers\n {2}1 topic files, 18 intents, 176 training phrases, 72 held-out tests\n/,
    );
    assert.match(run.stdout, /^intent +en +fr +tests +right +accuracy +flags$/m);
    assert.match(run.stdout, /^thanks +2 +2 +4 +2 +50\.0 % few phrases \(en, fr\)$/m);
    assert.match(run.stdout, /^Held-out accuracy: 97\.2 % \(70\/72\)/m);
    assert.match(run.stdout, /^Fewer than 20 training phrases in a language/m);
    assert.match(run.stdout, /^ {2}help takes 2: thanks 2$/m);
  });

  it('exits 1 on invalid knowledge, naming the file and the field, without a report', async () => {
    editYaml(dir, 'support-matrix.yaml', (d) => {
      d.matrix[3].status = 'maybe';
    });
    const run = await kbCheck(dir);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /support-matrix\.yaml: matrix\[3\]\.status: /);
    assert.doesNotMatch(run.stdout, /Held-out accuracy/);
  });
});
