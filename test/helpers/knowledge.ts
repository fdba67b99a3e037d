import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import type { KnowledgeBase } from '../../src/knowledge/knowledgeBase';
import { loadKnowledge } from '../../src/knowledge/loader';
import { Nlu } from '../../src/nlu/nlu';

export const KNOWLEDGE_DIR = resolve(__dirname, '../../knowledge');

let kb: KnowledgeBase | undefined;
let nlu: Nlu | undefined;

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

/** A temporary copy of the knowledge folder, for tests that break or extend it. */
export function copyKnowledge(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kb-'));
  cpSync(KNOWLEDGE_DIR, dir, { recursive: true });
  return dir;
}

/** Edits one YAML file of a knowledge copy in place. */
export function editYaml(dir: string, file: string, edit: (data: any) => void): void { // eslint-disable-line @typescript-eslint/no-explicit-any -- free-form fixture edits
  const path = join(dir, file);
  const data = parse(readFileSync(path, 'utf8'));
  edit(data);
  writeFileSync(path, stringify(data));
}
