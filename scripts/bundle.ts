/**
 * `npm run build` (after the type check): the bot as one JavaScript file, `dist/bot-bundle.js`, which
 * `npm start` runs through `dist/bot.js` (the launcher below). Loading ~1,600 modules one file at a time (resolve, stat, read, wrap) costs about
 * 0.4 s of a 1.4 s start-up; one bundled file does not. Native and optional modules stay outside:
 * better-sqlite3 (a .node addon found next to its package), pg-native and dtrace-provider (optional
 * requires that pg and restify try and skip).
 *
 * Beside it, `training-cache.json`: ./knowledge validated and the classifier's training on it, computed
 * now, for this build only (its id is compiled into the bundle; see src/nlu/trainingCache.ts). When ./knowledge is
 * not valid, no cache is written: the bot will say what is wrong when it starts.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { KnowledgeBase } from '../src/knowledge/knowledgeBase';
import { readKnowledgeParts } from '../src/knowledge/loader';
import { EntityExtractor } from '../src/nlu/entityExtractor';
import { prepareTraining } from '../src/nlu/nlu';
import { knowledgeDigest, serializeKnowledge, TRAINING_CACHE_FILE, type TrainingCache } from '../src/nlu/trainingCache';

const ROOT = resolve(__dirname, '..');
/** The bundle itself, beside the launcher `node` runs (dist/bot.js). */
export const BUNDLE_FILE = 'bot-bundle.js';

/**
 * What `node dist/bot.js` runs first: it turns on Node's compile cache (the V8 code of the bundle, kept in
 * the system's temporary folder and checked against the bundle's content; NODE_COMPILE_CACHE moves it,
 * NODE_DISABLE_COMPILE_CACHE=1 turns it off), then loads the bundle. A restart then does not compile
 * the bundle's 9 MB again: about a tenth of the time to the first answer. Where the folder cannot be
 * written, Node goes on without the cache.
 */
const LAUNCHER = `'use strict';
// Built by scripts/bundle.ts: the compile cache, then the bot (${BUNDLE_FILE}).
require('node:module').enableCompileCache?.();
require('./${BUNDLE_FILE}');
`;

/** Writes the launcher (`outfile`), the bundle beside it and its training cache; resolves with the launcher's path. */
export async function bundle(outfile = resolve(ROOT, 'dist/bot.js'), knowledgeDir = resolve(ROOT, 'knowledge')): Promise<string> {
  const buildId = randomUUID();
  await build({
    entryPoints: [resolve(ROOT, 'src/index.ts')],
    outfile: join(dirname(outfile), BUNDLE_FILE),
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
  writeFileSync(outfile, LAUNCHER);
  return outfile;
}

function writeTrainingCache(file: string, buildId: string, knowledgeDir: string): void {
  let parts;
  try {
    parts = readKnowledgeParts(knowledgeDir);
  } catch {
    return;
  }
  const kb = new KnowledgeBase(parts);
  const cache: TrainingCache = {
    buildId,
    knowledgeDigest: knowledgeDigest(knowledgeDir),
    prepared: prepareTraining(kb, new EntityExtractor(kb)),
    knowledge: serializeKnowledge(parts),
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
