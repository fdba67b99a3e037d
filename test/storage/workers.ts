import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');
const WORKER = resolve(__dirname, 'fixtures/storageWorker.ts');

/**
 * Runs one `fixtures/storageWorker.ts` process per argument list, all at once, told to act together
 * `delayMs` from now (after their start-up); resolves with each one's JSON answer, in order.
 */
export async function runWorkersTogether(argLists: string[][], delayMs = 1500): Promise<unknown[]> {
  const startAt = String(Date.now() + delayMs);
  return Promise.all(
    argLists.map(async ([command = '', url = '', ...rest]) => {
      const { stdout } = await run(process.execPath, ['--require', 'tsx/cjs', WORKER, command, url, startAt, ...rest], { cwd: ROOT });
      return JSON.parse(stdout) as unknown;
    }),
  );
}
