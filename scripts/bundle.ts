/**
 * `npm run build` (after the type check): the bot as one JavaScript file, `dist/bot.js`, which
 * `npm start` runs. Loading ~1,600 modules one file at a time (resolve, stat, read, wrap) costs about
 * 0.4 s of a 1.4 s start-up; one bundled file does not. Native and optional modules stay outside:
 * better-sqlite3 (a .node addon found next to its package), pg-native and dtrace-provider (optional
 * requires that pg and restify try and skip).
 *
 * Beside it, `training-cache.json`: the classifier's training on ./knowledge, computed now, for this
 * build only (its id is compiled into the bundle; see src/nlu/trainingCache.ts). When ./knowledge is
 * not valid, no cache is written: the bot will say what is wrong when it starts.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { loadKnowledge } from '../src/knowledge/loader';
import { EntityExtractor } from '../src/nlu/entityExtractor';
import { prepareTraining } from '../src/nlu/nlu';
import { knowledgeDigest, TRAINING_CACHE_FILE, type TrainingCache } from '../src/nlu/trainingCache';

const ROOT = resolve(__dirname, '..');

/** Writes the bundle and its training cache; resolves with the bundle's path. */
export async function bundle(outfile = resolve(ROOT, 'dist/bot.js'), knowledgeDir = resolve(ROOT, 'knowledge')): Promise<string> {
  const buildId = randomUUID();
  await build({
    entryPoints: [resolve(ROOT, 'src/index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['better-sqlite3', 'pg-native', 'dtrace-provider'],
    // node-fetch 2 (botframework-connector) requires Node's own punycode, deprecated (DEP0040, a
    // warning at every start on Node 22 and 24): the npm package of the same code instead.
    alias: { punycode: 'punycode/' },
    // Names and lines stay readable in stack traces; the map is there for a person reading one.
    sourcemap: 'linked',
    logLevel: 'warning',
    // Resolution starts from the project, wherever outfile is.
    absWorkingDir: ROOT,
    define: { __BUILD_ID__: JSON.stringify(buildId) },
  });
  writeTrainingCache(join(dirname(outfile), TRAINING_CACHE_FILE), buildId, knowledgeDir);
  return outfile;
}

function writeTrainingCache(file: string, buildId: string, knowledgeDir: string): void {
  let kb;
  try {
    kb = loadKnowledge(knowledgeDir);
  } catch {
    return;
  }
  const cache: TrainingCache = {
    buildId,
    knowledgeDigest: knowledgeDigest(knowledgeDir),
    prepared: prepareTraining(kb, new EntityExtractor(kb)),
  };
  writeFileSync(file, JSON.stringify(cache));
}

/** `tsx scripts/bundle.ts [outfile]`: dist/bot.js unless told (scripts/test.js builds the tests' bot elsewhere). */
if (require.main === module) {
  bundle(process.argv[2] ? resolve(process.argv[2]) : undefined).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
