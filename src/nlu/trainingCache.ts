import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { KnowledgeBase, type KnowledgeParts } from '../knowledge/knowledgeBase';
import type { PreparedTraining } from './nlu';

/**
 * The build (scripts/bundle.ts) validates the knowledge folder and trains once, and writes both results
 * next to the bundle, with the bundle's build id and a digest of the knowledge folder it read. At
 * start-up the bot uses them only when both match: the same code and the same knowledge, byte for byte
 * (the code that validated it is the code that runs). Anything else (another KNOWLEDGE_DIR, an edited
 * file, tsx instead of the bundle) reads, validates and trains as usual.
 */
export interface TrainingCache {
  buildId: string;
  knowledgeDigest: string;
  prepared: PreparedTraining;
  /** The validated knowledge (`readKnowledgeParts`), its topics as entries. */
  knowledge: SerializedKnowledge;
}

/** KnowledgeParts as JSON holds them: no folder (the bot's own is used), the topics as [intent, topic] pairs. */
export type SerializedKnowledge = Omit<KnowledgeParts, 'dir' | 'topics'> & {
  topics: [string, KnowledgeParts['topics'] extends Map<string, infer T> ? T : never][];
};

export function serializeKnowledge(parts: KnowledgeParts): SerializedKnowledge {
  const { dir: _dir, topics, ...rest } = parts;
  return { ...rest, topics: [...topics.entries()] };
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

/**
 * The validated knowledge base and the prepared training for this build and this knowledge folder, if
 * the build left a matching cache.
 */
export function readTrainingCache(
  cacheDir: string,
  knowledgeDir: string,
  id = buildId(),
): { knowledge: KnowledgeBase; prepared: PreparedTraining } | undefined {
  const file = join(cacheDir, TRAINING_CACHE_FILE);
  if (id === undefined || !existsSync(file)) return undefined;
  try {
    const cache = JSON.parse(readFileSync(file, 'utf8')) as TrainingCache;
    if (cache.buildId !== id || cache.knowledgeDigest !== knowledgeDigest(knowledgeDir) || !cache.knowledge) return undefined;
    const knowledge = new KnowledgeBase({ ...cache.knowledge, dir: knowledgeDir, topics: new Map(cache.knowledge.topics) });
    return { knowledge, prepared: cache.prepared };
  } catch {
    return undefined; // unreadable: read and train instead
  }
}
