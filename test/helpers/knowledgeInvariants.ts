import { BUILTIN_INTENTS } from '../../src/nlu/intents';
import { EntityExtractor } from '../../src/nlu/entityExtractor';
import { KnowledgeBase, type EntityKind } from '../../src/knowledge/knowledgeBase';
import { MESSAGE_KEYS } from '../../src/knowledge/messages';
import { LANGS, STATUS_IDS, type LocalizedText } from '../../src/knowledge/schema';

/** The share of held-out test phrases the NLU must classify right on the real corpus (kb:check prints it). */
export const HELD_OUT_ACCURACY_FLOOR = 0.9;

/**
 * What must hold of any knowledge base the bot runs on, whatever it contains: the rules tests check on
 * the real `knowledge/` instead of its counts, so that adding a client, a provider or a subject keeps
 * `npm test` green while a wrong edit is named. Each rule is checked here independently of the loader,
 * so a loader that stops enforcing one is caught too. Returns one line per violation (empty: all hold).
 */
export function knowledgeViolations(kb: KnowledgeBase): string[] {
  return [...matrixViolations(kb), ...sourceViolations(kb), ...trainingViolations(kb), ...messageViolations(kb), ...nameViolations(kb)];
}

/** Every client has exactly one cell on every server, with a known status and, if marked, a known footnote. */
function matrixViolations(kb: KnowledgeBase): string[] {
  const out: string[] = [];
  const footnotes = new Set(kb.support.footnotes.map((f) => f.id));
  for (const c of kb.clients)
    for (const s of kb.servers) {
      const cells = kb.support.matrix.filter((m) => m.client === c.id && m.server === s.id);
      if (cells.length !== 1) {
        out.push(`matrix: ${cells.length} cells for client ${c.id} on server ${s.id} (want 1)`);
        continue;
      }
      const [cell] = cells;
      if (!STATUS_IDS.includes(cell!.status)) out.push(`matrix: ${c.id} on ${s.id}: unknown status ${cell!.status}`);
      if (cell!.footnote !== undefined && !footnotes.has(cell!.footnote))
        out.push(`matrix: ${c.id} on ${s.id}: unknown footnote ${cell!.footnote}`);
    }
  const clients = new Set(kb.clients.map((c) => c.id));
  const servers = new Set(kb.servers.map((s) => s.id));
  for (const m of kb.support.matrix) {
    if (!clients.has(m.client) || !servers.has(m.server))
      out.push(`matrix: a cell for ${m.client} on ${m.server}, which is not a client × server pair`);
  }
  for (const f of kb.support.footnotes) {
    if (!kb.support.matrix.some((m) => m.footnote === f.id) && f.about.length === 0)
      out.push(`footnote ${f.id}: no cell carries it and it is about no client`);
  }
  return out;
}

/** Every `source` anywhere in the facts names a seed file listed in sources.yaml. */
function sourceViolations(kb: KnowledgeBase): string[] {
  const listed = new Set(kb.sources.map((s) => s.file));
  const out: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'source' && !(typeof child === 'string' && listed.has(child)))
          out.push(`${path}.source: "${String(child)}" is not listed in sources.yaml`);
        else walk(child, `${path}.${key}`);
      }
    }
  };
  walk(kb.support, 'support-matrix');
  walk(kb.publicIm, 'public-im');
  kb.subjects.forEach((s) => walk(s, s.subject));
  walk(kb.endOfLife, 'end-of-life');
  const facts = [...kb.clients, ...kb.servers, ...kb.providers, ...kb.support.matrix, ...kb.support.footnotes];
  if (facts.some((f) => !('source' in f))) out.push('a client, server, provider, cell or footnote has no source');
  return out;
}

/**
 * Every intent the bot answers is trained in both languages. (Held-out tests are advice, not a rule: an
 * administrator adding a subject may have none yet; `kb:check` flags an intent without them.)
 */
function trainingViolations(kb: KnowledgeBase): string[] {
  const out: string[] = [];
  const trained = new Map(kb.training.map((e) => [e.intent, e]));
  const topicIntents = [...kb.support.topics, ...kb.publicIm.topics, ...kb.subjects.flatMap((s) => s.topics)].map((t) => t.intent);
  for (const intent of [...BUILTIN_INTENTS, ...topicIntents]) {
    const e = trained.get(intent);
    if (!e) {
      out.push(`training: intent ${intent} has no training phrases`);
      continue;
    }
    for (const lang of LANGS) {
      if (e.utterances[lang].length === 0) out.push(`training: intent ${intent} has no ${lang} training phrases`);
    }
  }
  for (const e of kb.training) {
    if (!BUILTIN_INTENTS.includes(e.intent as (typeof BUILTIN_INTENTS)[number]) && !topicIntents.includes(e.intent))
      out.push(`training: intent ${e.intent} answers nothing`);
  }
  return out;
}

const placeholders = (text: string): string =>
  [...text.matchAll(/\{(\w+)\}/g)]
    .map((m) => m[1])
    .sort()
    .join(',');

/** Every text the bot says exists in both languages, with the same placeholders. */
function messageViolations(kb: KnowledgeBase): string[] {
  const out: string[] = [];
  const both = (where: string, t: LocalizedText | undefined): void => {
    if (!t?.en?.trim() || !t.fr?.trim()) {
      out.push(`${where}: missing in a language`);
      return;
    }
    if (placeholders(t.en) !== placeholders(t.fr))
      out.push(`${where}: placeholders {${placeholders(t.en)}} in English, {${placeholders(t.fr)}} in French`);
  };
  for (const key of MESSAGE_KEYS) both(`bot.yaml: messages.${key}`, kb.bot.messages[key]);
  for (const id of STATUS_IDS) {
    const st = kb.support.statuses[id];
    both(`support-matrix: statuses.${id}.headline`, st?.headline);
    both(`support-matrix: statuses.${id}.label`, st?.label);
  }
  return out;
}

/** Every name and alias of every product leads the entity extractor to that product. */
function nameViolations(kb: KnowledgeBase): string[] {
  const out: string[] = [];
  const extractor = new EntityExtractor(kb);
  for (const kind of ['client', 'server', 'provider', 'product', 'eol'] as EntityKind[]) {
    for (const e of kb.entities(kind)) {
      for (const name of [e.name, ...(e.frenchName ? [e.frenchName] : []), ...e.aliases]) {
        const found = extractor.extract(name);
        if (!found.some((m) => m.kind === kind && m.id === e.id))
          out.push(`${kind} ${e.id}: "${name}" is read as ${found.map((m) => `${m.kind}:${m.id}`).join(', ') || 'nothing'}`);
      }
    }
  }
  return out;
}

/** A knowledge base rebuilt from `kb`'s parts after `edit`, bypassing the loader (to prove a rule can fail). */
export function rebuiltKnowledge(kb: KnowledgeBase, edit: (parts: ConstructorParameters<typeof KnowledgeBase>[0]) => void): KnowledgeBase {
  const clone = <T>(v: T): T => structuredClone(v);
  const support = clone(kb.support);
  const publicIm = clone(kb.publicIm);
  const subjects = clone([...kb.subjects]);
  const parts = {
    dir: kb.dir,
    sources: clone([...kb.sources]),
    support,
    publicIm,
    subjects,
    bot: clone(kb.bot),
    endOfLife: clone([...kb.endOfLife]),
    language: kb.language,
    training: clone([...kb.training]),
    topics: new Map([...support.topics, ...publicIm.topics, ...subjects.flatMap((s) => s.topics)].map((t) => [t.intent, t])),
  };
  edit(parts);
  return new KnowledgeBase(parts);
}
