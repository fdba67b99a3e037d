import type { ConversationMemory } from '../src/bot/conversationMemory';
import { type EntityKind, hasRequiredWords } from '../src/knowledge/knowledgeBase';
import { NONE_INTENT, subjectOf } from '../src/nlu/intents';
import { CONFIDENT, type Understanding } from '../src/nlu/nlu';

/** Where a message goes and with which products. */
export interface Route {
  intent: string;
  clients: string[];
  servers: string[];
  providers: string[];
  /** The question names a product or version the knowledge base does not have: answer honestly. */
  unknownProduct: boolean;
}

/** Words that carry no question of their own in a follow-up ("and on OCS 2007 R2?", "et pour Yahoo ?"). */
const FOLLOW_UP_WORDS = new Set(
  (
    'and et what about how on sur for pour with avec also aussi then alors or ou the le la ' +
    'les l du de des in dans au aux a what s vs versus next puis que quoi of to server serveur client'
  ).split(' '),
);
/** Words that refer back to the product under discussion ("is it supported on …"). */
const BACK_REFERENCES = new Set(['it', 'its', 'il', 'elle', 'ca', 'cela', 'that', 'this', 'them', 'they', 'celui', 'ci']);

const SUPPORT_INTENTS_BY_KINDS: Record<string, string> = {
  'client+server': 'support.check',
  client: 'support.client',
  server: 'support.server',
};
/** Subjects whose questions are mostly about named products. */
const PRODUCT_SUBJECTS = new Set(['support', 'pic']);
const PROVIDER_INTENTS = new Set(['pic.provider', 'pic.end_date', 'pic.features', 'pic.licensing']);

function kindsOf(u: Understanding): Set<EntityKind> {
  return new Set(u.mentions.map((m) => m.kind));
}

/** The question that products alone ask: a client and a server → is it supported, and so on. */
function intentFromProducts(kinds: Set<EntityKind>): string | undefined {
  if (kinds.has('client') || kinds.has('server')) {
    const key = [kinds.has('client') ? 'client' : '', kinds.has('server') ? 'server' : ''].filter(Boolean).join('+');
    return SUPPORT_INTENTS_BY_KINDS[key];
  }
  return kinds.has('provider') ? 'pic.provider' : undefined;
}

/** The previous question asked again about other products ("and Yahoo?" after an end-date question). */
function followUpIntent(last: string, kinds: Set<EntityKind>): string | undefined {
  if (subjectOf(last) === 'support' && (kinds.has('client') || kinds.has('server'))) {
    if (last === 'support.client' && !kinds.has('client')) return 'support.check';
    if (last === 'support.server' && !kinds.has('server')) return 'support.check';
    return SUPPORT_INTENTS.has(last) && last !== 'support.matrix' ? last : intentFromProducts(kinds);
  }
  if (kinds.has('provider') && PROVIDER_INTENTS.has(last)) return last;
  return intentFromProducts(kinds);
}
const SUPPORT_INTENTS = new Set(['support.check', 'support.client', 'support.server', 'support.matrix']);

/** Words that open a yes/no question ("is Lync 2010 supported?", "est-il pris en charge ?"). */
const YES_NO_OPENERS = new Set(['is', 'are', 'does', 'do', 'can', 'will', 'est', 'sont', 'peut', 'peuvent', 'fonctionne', 'marche']);
/** Words that ask for a list instead ("which servers…", "sur quels serveurs…"). */
const LIST_WORDS = new Set(['which', 'what', 'where', 'list', 'quel', 'quels', 'quelle', 'quelles', 'ou', 'liste']);

/** "Is Office Live Meeting 2007 supported?" asks about one server the user has in mind: a yes/no question. */
function isYesNoQuestion(words: readonly string[]): boolean {
  const opensYesNo =
    YES_NO_OPENERS.has(words[0] ?? '') || words.includes('il') || words.includes('elle') || (words.includes('est') && words.includes('ce'));
  return opensYesNo && !words.some((w) => LIST_WORDS.has(w));
}

/** A four-digit year-like version the knowledge base does not know ("Exchange 2019", "Windows Server 2022"). */
function namesUnknownVersion(u: Understanding): boolean {
  return u.unknownWords.some((w) => /^(19|20)\d\d$/.test(w));
}

/** Per intent, the word groups a message must contain for the bot to act on it (`requiredWords` in training files). */
export type RequiredWords = Readonly<Record<string, readonly ReadonlySet<string>[]>>;

/**
 * Decides what a message asks (`relatedIntents`: related product id → the intent that explains it; `requiredWords`: see above), combining the classifier's intent, the products it names and what the
 * conversation was about. Pure: the dialogs call it and act on the result.
 */
export function resolveRoute(
  u: Understanding,
  memory: ConversationMemory,
  relatedIntents: Record<string, string> = {},
  requiredWords: RequiredWords = {},
  /** Whether the question, as the reasoning layer reads it, asks yes or no ("lync 2010 ok?", "le participant est supporté ?"). */
  yesNo?: boolean,
): Route {
  const kinds = kindsOf(u);
  const inMention = new Set<number>();
  for (const m of u.mentions) for (let i = m.start; i < m.end; i++) inMention.add(i);
  const otherWords = u.tokens.filter((_, i) => !inMention.has(i));
  const isFollowUp = u.mentions.length > 0 && memory.lastIntent !== undefined && otherWords.every((w) => FOLLOW_UP_WORDS.has(w));
  const refersBack = otherWords.some((w) => BACK_REFERENCES.has(w));

  let intent = u.intent;
  if (isFollowUp) intent = followUpIntent(memory.lastIntent as string, kinds) ?? intent;
  else if (u.mentions.length > 0 && (intent === NONE_INTENT || (u.confidence < CONFIDENT && PRODUCT_SUBJECTS.has(subjectOf(intent))))) {
    // An unsure product question: the products say which one ("lync 2010 on ocs r2?").
    intent = intentFromProducts(kinds) ?? intent;
  }

  // Intents the knowledge base guards with required words (reminders subscribe; "forget me" deletes).
  if (!hasRequiredWords(requiredWords[intent], u.tokens)) intent = NONE_INTENT;

  // A yes/no question about one client is about one server, which the dialog asks for.
  if (intent === 'support.client' && (yesNo ?? isYesNoQuestion(otherWords))) intent = 'support.check';

  // A related product (the Lync Server 2010 Group Chat server) is answered by its own topic.
  const product = u.entities.products[0];
  if (product !== undefined && (subjectOf(intent) === 'support' || intent === NONE_INTENT || u.confidence < CONFIDENT)) {
    intent = relatedIntents[product] ?? intent;
  }

  const subject = subjectOf(intent);
  // "Licensing?" after a question about Yahoo!: a word or two on the same subject, about the same products.
  const shortOnSameSubject =
    u.mentions.length === 0 &&
    otherWords.filter((w) => !FOLLOW_UP_WORDS.has(w)).length <= 2 &&
    memory.lastIntent !== undefined &&
    subjectOf(memory.lastIntent) === subject;
  const reuse = isFollowUp || refersBack || shortOnSameSubject;
  const clients =
    u.entities.clients.length > 0 ? u.entities.clients : reuse && subject === 'support' && memory.client ? [memory.client] : [];
  const servers =
    u.entities.servers.length > 0 ? u.entities.servers : reuse && subject === 'support' && memory.server ? [memory.server] : [];
  const providers =
    u.entities.providers.length > 0 ? u.entities.providers : reuse && subject === 'pic' && memory.provider ? [memory.provider] : [];

  // "Is Zoom supported on Windows 11?", "Lync for Mac 2011", "Google Talk": a product the question needs is
  // missing, or an unknown version number is named, beside words the knowledge base does not know.
  const missing =
    intent === 'support.check'
      ? clients.length === 0 || servers.length === 0
      : intent === 'support.client'
        ? clients.length === 0
        : intent === 'support.server'
          ? servers.length === 0
          : PROVIDER_INTENTS.has(intent)
            ? providers.length === 0
            : false;
  const unknownVersion = !PROVIDER_INTENTS.has(intent) && subjectOf(intent) !== 'pic' && namesUnknownVersion(u);
  const unknownProduct = u.unknownWords.length > 0 && (missing || unknownVersion);

  return { intent, clients, servers, providers, unknownProduct };
}
