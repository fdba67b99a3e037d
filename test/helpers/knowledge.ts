import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import type { KnowledgeBase } from '../../src/knowledge/knowledgeBase';
import { loadKnowledge } from '../../src/knowledge/loader';
import { Nlu } from '../../src/nlu/nlu';

export const KNOWLEDGE_DIR = resolve(__dirname, '../../knowledge');

/**
 * A small knowledge base for unit tests (see its README): tests assert counts and exact contents there,
 * and only invariants on the real `knowledge/`, so that a knowledge-only edit cannot break them.
 */
export const FIXTURE_DIR = resolve(__dirname, '../fixtures/knowledge');

let kb: KnowledgeBase | undefined;
let nlu: Nlu | undefined;
let fixture: KnowledgeBase | undefined;
let fixtureNluInstance: Nlu | undefined;

/** The real knowledge base, loaded once for the whole run (it is immutable). */
export function realKnowledge(): KnowledgeBase {
  kb ??= loadKnowledge(KNOWLEDGE_DIR);
  return kb;
}

/** The NLU trained on the real knowledge base, built once. */
export function realNlu(): Nlu {
  nlu ??= new Nlu(realKnowledge());
  return nlu;
}

/** The fixture's files that are copies of `knowledge/`'s: the bot's sentences and the words that steer it. */
const COPIED_FILES = ['bot.yaml', 'language.yaml'];

type Yaml = Record<string, unknown>;
const isMap = (v: unknown): v is Yaml => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `real`'s keys, each with `copy`'s value where it has one (maps merged the same way, key by key). */
function overlay(real: unknown, copy: unknown): unknown {
  if (!isMap(real) || !isMap(copy)) return copy === undefined ? real : copy;
  return Object.fromEntries(Object.entries(real).map(([k, v]) => [k, overlay(v, copy[k])]));
}

/**
 * A temporary copy of the fixture knowledge base, ready to load or break. Its `bot.yaml` and
 * `language.yaml` are copies of the real ones, kept as they are, except that a key the code added since
 * (a new message, a new language field) is taken from `knowledge/` and a key it dropped is dropped: the
 * fixture's sentences never change under a test, and code that grows the message set does not break it.
 */
export function copyFixture(): string {
  const dir = copyKnowledge(FIXTURE_DIR);
  for (const file of COPIED_FILES) {
    const real = parse(readFileSync(join(KNOWLEDGE_DIR, file), 'utf8')) as unknown;
    editYaml(dir, file, (copy: Yaml) => {
      const merged = overlay(real, copy) as Yaml;
      for (const key of Object.keys(copy)) delete copy[key];
      Object.assign(copy, merged);
    });
  }
  return dir;
}

/** The fixture knowledge base (test/fixtures/knowledge, see its README), loaded once for the whole run. */
export function fixtureKnowledge(): KnowledgeBase {
  if (fixture) return fixture;
  const dir = copyFixture();
  try {
    fixture = loadKnowledge(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return fixture;
}

/** The NLU trained on the fixture knowledge base, built once. */
export function fixtureNlu(): Nlu {
  fixtureNluInstance ??= new Nlu(fixtureKnowledge());
  return fixtureNluInstance;
}

/** A temporary copy of a knowledge folder (the real one by default), for tests that break or extend it. */
export function copyKnowledge(from: string = KNOWLEDGE_DIR): string {
  const dir = mkdtempSync(join(tmpdir(), 'kb-'));
  cpSync(from, dir, { recursive: true });
  return dir;
}

/** Edits one YAML file of a knowledge copy in place. */
// biome-ignore lint/suspicious/noExplicitAny: free-form fixture edits
export function editYaml(dir: string, file: string, edit: (data: any) => void): void {
  const path = join(dir, file);
  const data = parse(readFileSync(path, 'utf8'));
  edit(data);
  writeFileSync(path, stringify(data));
}
