import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import type { z } from 'zod';
import { KnowledgeInvalidError, KnowledgeUnreadableError } from '../errors';
import { BUILTIN_INTENTS, subjectOf } from '../nlu/intents';
import { normalizePhrase, tokenize } from '../nlu/normalize';
import { KnowledgeBase, type KnowledgeParts } from './knowledgeBase';
import {
  BotFile,
  EndOfLifeFile,
  LanguageFile,
  PublicImFile,
  SourcesFile,
  SupportMatrixFile,
  TopicsFile,
  TrainingFile,
  type Entity,
  type Topic,
} from './schema';

const DATA_EXT = new Set(['.yaml', '.yml', '.json']);

/** Files with a schema of their own; every other data file at the top level is a topics file. */
const NAMED_FILES = {
  sources: SourcesFile,
  'support-matrix': SupportMatrixFile,
  'public-im': PublicImFile,
  bot: BotFile,
  'end-of-life': EndOfLifeFile,
  language: LanguageFile,
} as const;
type NamedFile = keyof typeof NAMED_FILES;
/** Named files a knowledge folder may leave out. */
const OPTIONAL_FILES = new Set<NamedFile>(['end-of-life']);

/** Formats a zod path the way people read it: `matrix[3].status`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}

function readData(file: string, label: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new KnowledgeUnreadableError(label, (err as Error).message);
  }
  try {
    return extname(file) === '.json' ? JSON.parse(text) : loadYaml(text, { schema: CORE_SCHEMA });
  } catch (err) {
    throw new KnowledgeUnreadableError(
      label,
      `not valid ${extname(file) === '.json' ? 'JSON' : 'YAML'}: ${(err as Error).message.split('\n')[0]}`,
    );
  }
}

function listData(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => DATA_EXT.has(extname(f)))
      .sort()
      .map((f) => join(dir, f));
  } catch (err) {
    throw new KnowledgeUnreadableError(dir, `cannot read the knowledge folder: ${(err as Error).message}`);
  }
}

/** Collects problems as `file: path: message` lines. */
class Problems {
  readonly list: string[] = [];
  add(file: string, path: ReadonlyArray<PropertyKey> | string, message: string): void {
    this.list.push(`${file}: ${typeof path === 'string' ? path : formatPath(path)}: ${message}`);
  }
  parse<S extends z.ZodType>(schema: S, data: unknown, file: string): z.infer<S> | undefined {
    const result = schema.safeParse(data);
    if (result.success) return result.data;
    for (const issue of result.error.issues) this.add(file, issue.path, issue.message);
    return undefined;
  }
}

/** Every `source` value in a parsed file, with its path. */
function* sourceRefs(value: unknown, path: PropertyKey[] = []): Generator<[PropertyKey[], string]> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* sourceRefs(value[i], [...path, i]);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'source' && typeof child === 'string') yield [[...path, key], child];
      else yield* sourceRefs(child, [...path, key]);
    }
  }
}

/**
 * Reads and validates a knowledge folder. Throws `KnowledgeInvalidError` listing every problem, each
 * naming the file and the field (`knowledge/support-matrix.yaml: matrix[3].status: …`).
 */
export function loadKnowledge(dir: string): KnowledgeBase {
  return new KnowledgeBase(readKnowledgeParts(dir));
}

/** What `loadKnowledge` validates and builds the knowledge base from (plain data but `topics`). */
export function readKnowledgeParts(dir: string): KnowledgeParts {
  const problems = new Problems();
  const label = (file: string): string => relative(process.cwd(), file) || file;
  const named: Partial<{ [K in NamedFile]: { file: string; data: z.infer<(typeof NAMED_FILES)[K]> } }> = {};
  const topicFiles: { file: string; data: TopicsFile }[] = [];
  const trainingFiles: { file: string; data: TrainingFile }[] = [];
  const parsed: { file: string; data: unknown }[] = [];

  if (!statSafe(dir))
    throw new KnowledgeUnreadableError(
      dir,
      'the knowledge folder does not exist (KNOWLEDGE_DIR; default ./knowledge, relative to the working folder)',
    );
  for (const file of listData(dir)) {
    const name = basename(file, extname(file));
    const raw = readData(file, label(file));
    if (name in NAMED_FILES) {
      const key = name as NamedFile;
      const data = problems.parse(NAMED_FILES[key], raw, label(file));
      if (data) (named as Record<string, unknown>)[key] = { file: label(file), data };
      if (data) parsed.push({ file: label(file), data });
    } else {
      const data = problems.parse(TopicsFile, raw, label(file));
      if (data) {
        topicFiles.push({ file: label(file), data });
        parsed.push({ file: label(file), data });
      }
    }
  }
  const trainingDir = join(dir, 'training');
  if (statSafe(trainingDir)) {
    for (const file of listData(trainingDir)) {
      const data = problems.parse(TrainingFile, readData(file, label(file)), label(file));
      if (data) trainingFiles.push({ file: label(file), data });
    }
  }
  for (const key of Object.keys(NAMED_FILES) as NamedFile[]) {
    if (!named[key] && !OPTIONAL_FILES.has(key)) {
      const exists = listData(dir).some((f) => basename(f, extname(f)) === key);
      if (!exists) problems.add(join(label(dir), `${key}.yaml`), '(file)', 'required file is missing');
    }
  }
  if (trainingFiles.length === 0 && problems.list.length === 0) {
    problems.add(label(trainingDir), '(folder)', 'no training files found');
  }
  if (problems.list.length > 0) throw new KnowledgeInvalidError(problems.list);

  const sources = named.sources!;
  const support = named['support-matrix']!;
  const publicIm = named['public-im']!;
  const bot = named.bot!;
  const endOfLife = named['end-of-life'];
  const language = named.language!;

  // Every fact names a seed file that sources.yaml lists.
  const known = new Set(sources.data.sources.map((s) => s.file));
  for (const { file, data } of parsed) {
    for (const [path, ref] of sourceRefs(data)) {
      if (file !== sources.file && !known.has(ref)) problems.add(file, path, `unknown source "${ref}" (not listed in sources.yaml)`);
    }
  }

  checkMatrix(support.file, support.data, problems);
  const role = support.data.serverRole;
  if (role !== undefined && !(role in language.data.nouns.serverRoles))
    problems.add(support.file, 'serverRole', `unknown server role "${role}" (not in language.yaml nouns.serverRoles)`);
  checkEntities(
    [
      ...support.data.clients.map((e, i) => ({ file: support.file, path: ['clients', i], entity: e })),
      ...support.data.servers.map((e, i) => ({ file: support.file, path: ['servers', i], entity: e })),
      ...publicIm.data.providers.map((e, i) => ({ file: publicIm.file, path: ['providers', i], entity: e as Entity })),
      ...support.data.relatedProducts.map((e, i) => ({ file: support.file, path: ['relatedProducts', i], entity: e as Entity })),
      ...(endOfLife?.data.entries ?? []).map((e, i) => ({ file: endOfLife?.file ?? '', path: ['entries', i], entity: e as Entity })),
    ],
    problems,
  );
  publicIm.data.providers.forEach((p, i) =>
    p.capabilities.forEach((c, j) => {
      if (!(c in publicIm.data.capabilities)) problems.add(publicIm.file, ['providers', i, 'capabilities', j], `unknown capability "${c}"`);
    }),
  );

  // Topics: unique intents across files.
  const topicSites: { file: string; path: PropertyKey[]; topic: Topic }[] = [
    ...support.data.topics.map((t, i) => ({ file: support.file, path: ['topics', i], topic: t })),
    ...publicIm.data.topics.map((t, i) => ({ file: publicIm.file, path: ['topics', i], topic: t })),
    ...topicFiles.flatMap(({ file, data }) => data.topics.map((t, i) => ({ file, path: ['topics', i] as PropertyKey[], topic: t }))),
  ];
  support.data.relatedProducts.forEach((p, i) => {
    if (!topicSites.some((t) => t.topic.intent === p.intent))
      problems.add(support.file, ['relatedProducts', i, 'intent'], `no topic answers intent "${p.intent}"`);
  });
  const topics = new Map<string, Topic>();
  const builtins = new Set<string>(BUILTIN_INTENTS);
  for (const { file, data } of topicFiles)
    data.topics.forEach((t, i) => {
      if (subjectOf(t.intent) !== data.subject)
        problems.add(file, ['topics', i, 'intent'], `intent "${t.intent}" must start with the file's subject "${data.subject}."`);
    });
  for (const { file, path, topic } of topicSites) {
    if (topic.firstStep > Math.max(1, topic.steps.length))
      problems.add(file, [...path, 'firstStep'], `firstStep ${topic.firstStep} is past the topic's ${topic.steps.length} steps`);
    topic.phases.forEach((ph, i) => {
      if (ph.from > ph.to || ph.to > topic.steps.length)
        problems.add(file, [...path, 'phases', i], `steps ${ph.from}–${ph.to} are not a run of the topic's ${topic.steps.length} steps`);
    });
    if (topics.has(topic.intent) || builtins.has(topic.intent))
      problems.add(file, [...path, 'intent'], `intent "${topic.intent}" is defined twice`);
    topics.set(topic.intent, topic);
  }

  // Training: every intent is answerable, every answerable intent is trained, tests are held out.
  const utterances = new Map<string, TrainingFile['intents'][number]>();
  for (const { file, data } of trainingFiles) {
    data.intents.forEach((entry, i) => {
      if (!topics.has(entry.intent) && !builtins.has(entry.intent))
        problems.add(file, ['intents', i, 'intent'], `intent "${entry.intent}" has no topic in knowledge/ and is not built in`);
      if (utterances.has(entry.intent)) problems.add(file, ['intents', i, 'intent'], `intent "${entry.intent}" is trained in two places`);
      utterances.set(entry.intent, entry);
    });
  }
  for (const intent of [...builtins, ...topics.keys()]) {
    if (!utterances.has(intent)) problems.add(label(trainingDir), '(folder)', `intent "${intent}" has no training phrases`);
  }
  checkHeldOut(trainingFiles, problems);
  checkRequiredWords(trainingFiles, problems);

  if (problems.list.length > 0) throw new KnowledgeInvalidError(problems.list);
  return {
    dir,
    sources: sources.data.sources,
    support: support.data,
    publicIm: publicIm.data,
    subjects: topicFiles.map((t) => t.data),
    topics,
    bot: bot.data,
    endOfLife: endOfLife?.data.entries ?? [],
    language: language.data,
    training: [...utterances.values()],
  };
}

function statSafe(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function checkMatrix(file: string, data: SupportMatrixFile, problems: Problems): void {
  const clients = new Set(data.clients.map((c) => c.id));
  const servers = new Set(data.servers.map((s) => s.id));
  const footnotes = new Set(data.footnotes.map((f) => f.id));
  data.footnotes.forEach((f, i) =>
    f.about.forEach((id, j) => {
      if (!clients.has(id)) problems.add(file, ['footnotes', i, 'about', j], `unknown client "${id}"`);
    }),
  );
  const seen = new Map<string, number>();
  data.matrix.forEach((cell, i) => {
    if (!clients.has(cell.client)) problems.add(file, ['matrix', i, 'client'], `unknown client "${cell.client}"`);
    if (!servers.has(cell.server)) problems.add(file, ['matrix', i, 'server'], `unknown server "${cell.server}"`);
    if (cell.footnote !== undefined && !footnotes.has(cell.footnote))
      problems.add(file, ['matrix', i, 'footnote'], `unknown footnote ${cell.footnote}`);
    const key = `${cell.client}|${cell.server}`;
    if (seen.has(key))
      problems.add(file, ['matrix', i], `duplicate cell for ${cell.client} on ${cell.server} (first at matrix[${seen.get(key)}])`);
    seen.set(key, i);
  });
  for (const c of clients)
    for (const s of servers) {
      if (!seen.has(`${c}|${s}`)) problems.add(file, 'matrix', `missing cell for client "${c}" on server "${s}"`);
    }
}

function checkEntities(sites: { file: string; path: PropertyKey[]; entity: Entity }[], problems: Problems): void {
  const ids = new Map<string, string>();
  const aliases = new Map<string, string>();
  for (const { file, path, entity } of sites) {
    if (ids.has(entity.id)) problems.add(file, [...path, 'id'], `id "${entity.id}" is already used by ${ids.get(entity.id)}`);
    ids.set(entity.id, `${file}: ${formatPath(path)}`);
    const names = [entity.name, ...(entity.frenchName ? [entity.frenchName] : []), ...entity.aliases];
    names.forEach((name) => {
      const norm = normalizePhrase(name);
      const owner = aliases.get(norm);
      if (norm === '') problems.add(file, [...path, 'aliases'], `alias "${name}" has no letters or digits`);
      else if (owner !== undefined && owner !== entity.id)
        problems.add(file, [...path, 'aliases'], `alias "${name}" also names "${owner}"`);
      aliases.set(norm, entity.id);
    });
  }
}

function checkHeldOut(files: { file: string; data: TrainingFile }[], problems: Problems): void {
  const trained = new Map<string, string>();
  for (const { data } of files)
    for (const e of data.intents)
      for (const lang of ['en', 'fr'] as const) {
        for (const u of e.utterances[lang]) trained.set(normalizePhrase(u), e.intent);
      }
  for (const { file, data } of files)
    data.intents.forEach((e, i) =>
      (['en', 'fr'] as const).forEach((lang) => {
        e.tests[lang].forEach((t, j) => {
          if (trained.has(normalizePhrase(t)))
            problems.add(file, ['intents', i, 'tests', lang, j], `test phrase "${t}" is also a training phrase`);
        });
      }),
    );
}

/**
 * Required words are written as the tokenizer folds them (one word, no accents), and every phrase of the
 * intent, trained or held out, contains one word of each group: otherwise the bot would never act on it.
 */
function checkRequiredWords(files: { file: string; data: TrainingFile }[], problems: Problems): void {
  for (const { file, data } of files)
    data.intents.forEach((e, i) => {
      const groups = e.requiredWords ?? [];
      groups.forEach((group, g) =>
        group.forEach((word, w) => {
          if (tokenize(word).join(' ') !== word)
            problems.add(
              file,
              ['intents', i, 'requiredWords', g, w],
              `"${word}" is not one folded word (write "${tokenize(word).join(' ')}")`,
            );
        }),
      );
      for (const kind of ['utterances', 'tests'] as const)
        for (const lang of ['en', 'fr'] as const) {
          e[kind][lang].forEach((phrase, j) => {
            const tokens = new Set(tokenize(phrase));
            const missing = groups.findIndex((group) => !group.some((word) => tokens.has(word)));
            if (missing >= 0) problems.add(file, ['intents', i, kind, lang, j], `"${phrase}" has none of requiredWords[${missing}]`);
          });
        }
    });
}
