import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { PreparedTraining } from './nlu';

/**
 * The build (scripts/bundle.ts) trains once and writes the result next to the bundle, with the
 * bundle's build id and a digest of the knowledge folder it read. At start-up the bot uses it only
 * when both match: the same code and the same knowledge, byte for byte. Anything else (another
 * KNOWLEDGE_DIR, an edited file, tsx instead of the bundle) trains as usual.
 */
export interface TrainingCache {
  buildId: string;
  knowledgeDigest: string;
  prepared: PreparedTraining;
}

/** File name of the cache, next to the bundle. */
export const TRAINING_CACHE_FILE = 'training-cache.json';

declare const __BUILD_ID__: string | undefined;

/** The id the build put in the bundle; undefined when running the sources. */
export function buildId(): string | undefined {
  return typeof __BUILD_ID__ === 'string' ? __BUILD_ID__ : undefined;
}

/** SHA-256 over the relative path and bytes of every file under the knowledge folder, in path order. */
export function knowledgeDigest(dir: string): string {
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(dir);
  const hash = createHash('sha256');
  for (const file of files)
    hash
      .update(`${relative(dir, file)}\0`)
      .update(readFileSync(file))
      .update('\0');
  return hash.digest('hex');
}

/** The prepared training for this build and this knowledge folder, if the build left a matching one. */
export function readTrainingCache(cacheDir: string, knowledgeDir: string, id = buildId()): PreparedTraining | undefined {
  const file = join(cacheDir, TRAINING_CACHE_FILE);
  if (id === undefined || !existsSync(file)) return undefined;
  try {
    const cache = JSON.parse(readFileSync(file, 'utf8')) as TrainingCache;
    if (cache.buildId !== id || cache.knowledgeDigest !== knowledgeDigest(knowledgeDir)) return undefined;
    return cache.prepared;
  } catch {
    return undefined; // unreadable: train instead
  }
}
