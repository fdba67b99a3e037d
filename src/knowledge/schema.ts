import { z } from 'zod';
import { MESSAGE_KEYS } from './messages';

/**
 * The knowledge base's contract. Every file under `knowledge/` is parsed by one of these schemas;
 * the TypeScript types the bot uses are inferred from them, so data and code cannot drift apart.
 */

/** The languages the bot answers in. */
export const LANGS = ['en', 'fr'] as const;
export const Lang = z.enum(LANGS);
export type Lang = z.infer<typeof Lang>;

/** A sentence written for this project in both languages (never pasted seed text). */
export const LocalizedText = z.strictObject({
  en: z.string().trim().min(1),
  fr: z.string().trim().min(1),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

/** A seed document's file name, e.g. `000_d35094426f230cb5.txt`; must be listed in `sources.yaml`. */
export const SourceRef = z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/, 'expected a seed file name like 000_d35094426f230cb5.txt');

/** Identifiers are lower-case words joined by dots, dashes or underscores. */
export const Id = z.string().regex(/^[a-z0-9]+([._-][a-z0-9]+)*$/, 'expected a lower-case id (letters, digits, . _ -)');

/** An ISO calendar date (`2014-06-30`); YAML 1.2 core keeps it a string, no quotes needed. */
export const IsoDate = z.iso.date();

/** A date (`2026-12-01`, reminded at 09:00 UTC) or an instant (`2026-12-01T10:30:00Z`). */
export const IsoDateOrTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** A product or provider that users name in their questions. */
export const Entity = z.strictObject({
  /** Stable id used by the matrix, dialogs and state. */
  id: Id,
  /** The product's own (English) name, shown in answers. */
  name: z.string().trim().min(1),
  /** The name the French translation of the documentation uses, when it differs. */
  frenchName: z.string().trim().min(1).optional(),
  /** A short form for narrow places such as table headers ("OCS 2007 R2"). */
  shortName: z.string().trim().min(1).optional(),
  /** Every other way users write it: abbreviations, French names, loose versions ("ocs2007r2"). */
  aliases: z.array(z.string().trim().min(1)).min(1),
  source: SourceRef,
});
export type Entity = z.infer<typeof Entity>;

/** A fact-answer: a question subject answered with a direct first sentence and details. */
export const Topic = z.strictObject({
  /** The intent that leads here; training phrases in `knowledge/training/` use the same id. */
  intent: Id,
  source: SourceRef,
  /** Short heading for the answer (card title). */
  title: LocalizedText,
  /** The first sentence: answers the question directly. */
  answer: LocalizedText,
  /** Sentences that follow the answer. */
  details: z.array(LocalizedText).default([]),
  /** Label / value pairs shown as a fact set. */
  facts: z.array(z.strictObject({ label: LocalizedText, value: LocalizedText })).default([]),
  /** Numbered steps, in order. */
  steps: z.array(LocalizedText).default([]),
  /**
   * The step the work starts at (1-based), when the steps before it only say where things stand: "the first
   * step" and "do we do X first?" are asked of it. Default 1.
   */
  firstStep: z.number().int().min(1).default(1),
  /**
   * Runs of steps done as one part of the procedure (the offline window of a migration), with the words that
   * name it ("cutover", "ce week-end"): "the first step of the cutover" is the first of that run.
   */
  phases: z
    .array(
      z.strictObject({
        /** The first and last step of the run, 1-based. */
        from: z.number().int().min(1),
        to: z.number().int().min(1),
        /** How an answer names it ("the offline window"). */
        title: LocalizedText,
        /** Words naming it in questions, either language (folded like messages). */
        terms: z.array(z.string().trim().min(1)).min(1),
      }),
    )
    .default([]),
  /** Commands shown verbatim in a monospace block (not translated). */
  code: z.array(z.strictObject({ caption: LocalizedText, text: z.string().trim().min(1) })).default([]),
  /** Questions to offer next (written as the user would ask them). */
  suggestions: z.array(LocalizedText).default([]),
  /**
   * Yes/no statements the source makes on this topic, so that a yes/no question opens with the verdict.
   * A claim answers a question that contains, for every group of `terms`, one of its phrases (any
   * language; folded like messages), and names every product of `products` (client, server or provider
   * ids, in their role). The most specific claim that matches wins; none matching, the topic's own answer
   * stands (never a guessed verdict).
   */
  claims: z
    .array(
      z.strictObject({
        verdict: z.enum(['yes', 'no']),
        terms: z.array(z.array(z.string().trim().min(1)).min(1)).default([]),
        products: z.array(Id).default([]),
        /** The statement, as the sentence after "Yes." / "No.". */
        text: LocalizedText,
        source: SourceRef,
      }),
    )
    .default([]),
});
export type Topic = z.infer<typeof Topic>;

const topics = z.array(Topic).default([]);

/** `sources.yaml`: the seed documents every fact points to. */
export const SourcesFile = z.strictObject({
  sources: z
    .array(
      z.strictObject({
        file: SourceRef,
        title: LocalizedText,
        /** The page's address as given in the seed's front matter. */
        url: z.url(),
      }),
    )
    .min(1),
});
export type SourcesFile = z.infer<typeof SourcesFile>;

export const STATUS_IDS = ['supported', 'not_supported', 'not_applicable', 'interoperable'] as const;
export const StatusId = z.enum(STATUS_IDS);
export type StatusId = z.infer<typeof StatusId>;

/** `support-matrix.yaml`: clients × servers with statuses and footnotes. */
export const SupportMatrixFile = z.strictObject({
  /**
   * The server role (language.yaml's `nouns.serverRoles`) the matrix's servers stand for: where clients register.
   * A client's support asked of another role ("on LS2013 edge servers?") is not the matrix's.
   */
  serverRole: z.string().trim().min(1).optional(),
  /** Every status, keyed by id (all four required). */
  statuses: z.record(
    StatusId,
    z.strictObject({
      label: LocalizedText,
      /** One word answering "is it supported?" ("Yes", "No", "Partly", "Not applicable"). */
      verdict: LocalizedText,
      /** First sentence; `{client}` and `{server}` are replaced by the products' names. */
      headline: LocalizedText,
      /** Colour hint for renderers. */
      tone: z.enum(['good', 'warning', 'attention', 'neutral']),
      /** For a partial status: the features (language.yaml) that do work. */
      covers: z.array(Id).optional(),
      /** How users name the status in a question ("partly supported", "interopérable"), beside its label. */
      asked: z
        .strictObject({ en: z.array(z.string().trim().min(1)).default([]), fr: z.array(z.string().trim().min(1)).default([]) })
        .optional(),
    }),
  ),
  servers: z.array(Entity).min(1),
  clients: z
    .array(
      Entity.extend({
        /** The server of the same name ("Lync 2013" → Lync Server 2013): the product meant after "on", "to", "from". */
        asServer: Id.optional(),
        /** What replaces this client, per the sources (footnotes), with the footnote that says so. */
        replacedBy: z.array(z.strictObject({ client: Id, footnote: z.number().int().positive() })).default([]),
        /** What a migration plan says of this client beyond its status (a clause, from a source). */
        planNotes: z.array(z.strictObject({ text: LocalizedText, source: SourceRef })).default([]),
      }),
    )
    .min(1),
  /** Names users give several clients at once ("Communicator", "the attendant"). */
  genericNames: z.array(z.strictObject({ names: z.array(z.string().trim().min(1)).min(1), clients: z.array(Id).min(1) })).default([]),
  footnotes: z.array(
    z.strictObject({
      id: z.number().int().positive(),
      text: LocalizedText,
      /** Clients the footnote speaks about, beyond the cells that carry its marker. */
      about: z.array(Id).default([]),
      source: SourceRef,
    }),
  ),
  /**
   * Products the documents name that are neither a client row nor a server column (the Lync Server 2010
   * Group Chat server); a question naming one goes to the topic `intent` that explains it.
   */
  relatedProducts: z
    .array(
      Entity.extend({
        intent: Id,
        /** What takes its place in Lync Server 2013, as the documentation says it ("what replaces Group Chat?"). */
        successor: z.strictObject({ text: LocalizedText, source: SourceRef }).optional(),
      }),
    )
    .default([]),
  matrix: z.array(
    z.strictObject({
      client: Id,
      server: Id,
      status: StatusId,
      footnote: z.number().int().positive().optional(),
      source: SourceRef,
    }),
  ),
  topics,
});
export type SupportMatrixFile = z.infer<typeof SupportMatrixFile>;

/** `public-im.yaml`: Public IM Connectivity providers. */
export const PublicImFile = z.strictObject({
  /** Federated capabilities by id (im, presence, audio, video). */
  capabilities: z.record(Id, LocalizedText),
  /** Licences the providers' licensing names, so that "do we need a PIC USL for Skype?" is answered from data. */
  licences: z
    .array(
      Entity.extend({
        /** Since when it can no longer be bought, if so. */
        noLongerSoldSince: IsoDate.optional(),
      }),
    )
    .default([]),
  providers: z
    .array(
      Entity.extend({
        capabilities: z.array(Id).min(1),
        licensing: LocalizedText,
        /** The licences federation with this provider takes: each alternative is a set of licence ids. */
        licenceOptions: z.array(z.array(Id).min(1)).default([]),
        /** The day PIC federation with this provider ended, if it has one. */
        endOfService: IsoDate.optional(),
        /** What stays true after (or without) an end date, e.g. "continues through Skype". */
        serviceNote: LocalizedText.optional(),
        /**
         * Dated events known to the month (the first of the month stands for the month): "Lync–Skype
         * connectivity became publicly available" in May 2013. Answer "since when / how long ago" questions.
         */
        milestones: z.array(z.strictObject({ date: IsoDate, text: LocalizedText, source: SourceRef })).default([]),
        notes: z.array(z.strictObject({ text: LocalizedText, source: SourceRef })).default([]),
        /** Why federation with this provider ends, as the sources say it ("why?" after its end date). */
        endReason: z.strictObject({ text: LocalizedText, source: SourceRef }).optional(),
      }),
    )
    .min(1),
  /** Notes that apply to PIC as a whole (licences no longer sold, credits). */
  notes: z.array(z.strictObject({ date: IsoDate.optional(), text: LocalizedText, source: SourceRef })).default([]),
  topics,
});
export type PublicImFile = z.infer<typeof PublicImFile>;

/**
 * `end-of-life.yaml` (optional): end-of-life dates beyond the PIC providers' end of service, which users
 * can subscribe to. A date added or moved here reschedules existing subscriptions at the next start.
 */
export const EndOfLifeFile = z.strictObject({
  entries: z
    .array(
      Entity.extend({
        /** The end-of-life date, or instant. */
        date: IsoDateOrTime,
        /** One sentence on what ends, in both languages. */
        description: LocalizedText,
      }),
    )
    .default([]),
});
export type EndOfLifeFile = z.infer<typeof EndOfLifeFile>;

/** A subject answered by topics alone (Persistent Chat, Exchange, Front End). */
export const TopicsFile = z.strictObject({
  subject: Id,
  title: LocalizedText,
  topics: z.array(Topic).min(1),
});
export type TopicsFile = z.infer<typeof TopicsFile>;

/** `training/*.yaml`: intent corpus. `tests` are held out and never trained on. */
export const TrainingFile = z.strictObject({
  intents: z
    .array(
      z.strictObject({
        intent: Id,
        /**
         * Word groups a message must contain, one word of each (written folded: lower case, no accents), for
         * the intent to be acted on. For intents that delete something: the classifier's guess is not enough.
         */
        requiredWords: z.array(z.array(z.string().trim().min(1)).min(1)).optional(),
        utterances: z.strictObject({ en: z.array(z.string().trim().min(1)).min(1), fr: z.array(z.string().trim().min(1)).min(1) }),
        tests: z.strictObject({ en: z.array(z.string().trim().min(1)).default([]), fr: z.array(z.string().trim().min(1)).default([]) }),
      }),
    )
    .min(1),
});
export type TrainingFile = z.infer<typeof TrainingFile>;

/** `bot.yaml`: the bot's own sentences (not facts) and its help examples. */
export const BotFile = z.strictObject({
  /** Every key the code uses must be present (see `messages.ts`). */
  messages: z.record(z.enum(MESSAGE_KEYS), LocalizedText),
  /** Example questions shown by help and welcome, grouped by subject. */
  examples: z.array(z.strictObject({ subject: LocalizedText, questions: z.array(LocalizedText).min(1) })).min(1),
});
export type BotFile = z.infer<typeof BotFile>;

/** Words or phrases per language. */
const Phrases = z.strictObject({ en: z.array(z.string().trim().min(1)).default([]), fr: z.array(z.string().trim().min(1)).default([]) });

/**
 * `language.yaml`: the words that steer understanding (question shapes, roles of servers, feature names,
 * follow-up words, products and subjects the sources do not cover), in both languages. Data, not code.
 */
export const LanguageFile = z.strictObject({
  shapes: z.strictObject({
    yesNo: Phrases,
    list: Phrases,
    count: Phrases,
    when: Phrases,
    still: Phrases,
    ago: Phrases,
    why: Phrases,
    replace: Phrases,
    both: Phrases,
    allServers: Phrases,
    negation: Phrases,
    butNot: Phrases,
    buy: Phrases,
    need: Phrases,
    enough: Phrases,
    supported: Phrases,
    greeting: Phrases,
    federation: Phrases,
    how: Phrases,
    plain: Phrases,
    since: Phrases,
    ending: Phrases,
    followUpOpeners: Phrases.default({ en: [], fr: [] }),
    /** Words asking what something offers ("features", "fonctionnalités"), not a feature of its own. */
    capabilities: Phrases.default({ en: [], fr: [] }),
    plan: Phrases.default({ en: [], fr: [] }),
    addition: Phrases.default({ en: [], fr: [] }),
    /** Agreements and what was paid ("our agreement ran until 2016"). */
    agreement: Phrases.default({ en: [], fr: [] }),
    /** Two things set side by side ("AOL vs Yahoo!", "mêmes fonctionnalités ?"). */
    compare: Phrases.default({ en: [], fr: [] }),
    /** Which of the products offered, by age ("the newer one", "le plus ancien"). */
    newest: Phrases.default({ en: [], fr: [] }),
    oldest: Phrases.default({ en: [], fr: [] }),
    /** Clients of versions before the server's ("how many earlier client versions does LS2013 support?"). */
    earlier: Phrases.default({ en: [], fr: [] }),
    /** The order of two steps ("before", "après"). */
    before: Phrases.default({ en: [], fr: [] }),
    after: Phrases.default({ en: [], fr: [] }),
    /** A choice between two things ("before or after?"). */
    or: Phrases.default({ en: [], fr: [] }),
    /** That something stops working ("which clients stop working there?"). */
    breaks: Phrases.default({ en: [], fr: [] }),
    /** Past what a question asks ("anything beyond CALs"), beside addition and except. */
    beyond: Phrases.default({ en: [], fr: [] }),
    except: Phrases.default({ en: [], fr: [] }),
    where: Phrases.default({ en: [], fr: [] }),
    /** Words counting something in too ("counting the interoperable one", "si on compte OC 2007 R2"). */
    including: Phrases.default({ en: [], fr: [] }),
    /** Words opening a condition ("if the FE is down, …"): a part they open is part of the question, not its scene. */
    condition: Phrases.default({ en: [], fr: [] }),
    /** Words of emphasis that may end a question without changing what it asks ("exactly", "exactement"). */
    emphasis: Phrases.default({ en: [], fr: [] }),
    /** Working on one server alone, right before its name ("only on", "que sur"). */
    onlyOn: Phrases.default({ en: [], fr: [] }),
    /** A vague quantity of things or people ("a few", "quelques"): how many use something, nothing asked of it. */
    some: Phrases.default({ en: [], fr: [] }),
    /** A server ruled out right before its name ("nor on OCS 2007 R2", "ni LS2013"): beside "only on" another, that one alone. */
    neither: Phrases.default({ en: [], fr: [] }),
    trouble: Phrases.default({ en: [], fr: [] }),
    /** Verbs a "by what" / "par quoi" follows when it asks what does something, not what replaces ("passe par quoi"). */
    through: Phrases.default({ en: [], fr: [] }),
    /** The time between two things ("between", "entre"): "how long between the end of sale and the shutdown?". */
    between: Phrases.default({ en: [], fr: [] }),
    /** Set phrases holding a list word that ask for no list ("on le garde tel quel ?", "keep it as is?"). */
    asIs: Phrases.default({ en: [], fr: [] }),
  }),
  roles: z.strictObject({
    source: Phrases,
    target: Phrases,
    on: Phrases,
    move: Phrases,
    keep: Phrases,
    retire: Phrases.default({ en: [], fr: [] }),
    /** After a move word, a bare version after one of these is the server moved to ("passage en 2013"). */
    moveTo: Phrases.default({ en: [], fr: [] }),
    /** Verbs putting a product on desks ("push lync 2013 to all desktops"): the product after them is the client. */
    deploy: Phrases.default({ en: [], fr: [] }),
  }),
  /** Per capability id of public-im.yaml, the words users name it with. */
  features: z.record(Id, Phrases),
  /**
   * Words naming kinds of products; `otherServers`, words that make a server noun beside them another kind
   * of server ("front end servers", "serveur SQL"), which the matrix's servers are not.
   */
  nouns: z.strictObject({
    clients: Phrases,
    servers: Phrases,
    providers: Phrases,
    otherServers: Phrases.default({ en: [], fr: [] }),
    vague: Phrases.default({ en: [], fr: [] }),
    otherProducts: Phrases.default({ en: [], fr: [] }),
    /** Names that hold a feature's word but name no feature ("Persistent Chat" is no instant messaging question). */
    featureless: Phrases.default({ en: [], fr: [] }),
    /** People ("users", "tout le monde"): "users on Lync 2013" are on the client of that name, not the server. */
    people: Phrases.default({ en: [], fr: [] }),
    /** The word for a licence ("do we need a licence?"): a question about licensing, whichever licence. */
    licences: Phrases.default({ en: [], fr: [] }),
    /** Where users are homed ("a 2010 pool", "nos pools 2010"): a bare version beside one names the server of that version. */
    deployments: Phrases.default({ en: [], fr: [] }),
    /**
     * Server roles by id, each with the ways it is written ("fe", "front end", "serveur frontal"): a statement
     * about one role does not settle a question about another.
     */
    serverRoles: z.record(z.string(), Phrases).default({}),
    /** The support matrix and its statuses, asked for by name ("its status in the matrix?"): the matrix answers. */
    status: Phrases.default({ en: [], fr: [] }),
  }),
  /**
   * What a question may ask for about its subject (a port, a price, a file size…): the words that ask for
   * it, and the words an answer must contain to give it. Without them the answer is replaced by an honest
   * "the documentation does not say", naming what was asked.
   */
  attributes: z.record(Id, z.strictObject({ name: LocalizedText, asks: Phrases, gives: Phrases })).default({}),
  quantifiers: Phrases,
  /**
   * Small words that join names: a list ("lync 2013 and lync 2010"), a server noun and its name ("our
   * servers are lync 2010"), a name and a qualifier that changes it ("lync 2013 for mac").
   */
  joiners: z
    .strictObject({
      list: Phrases,
      copulas: Phrases,
      qualifiers: Phrases,
      prepositions: Phrases.default({ en: [], fr: [] }),
      /** "The Group Chat client of Lync 2010", "le client Group Chat de Lync 2010": a kind, then the name it belongs to. */
      belongs: Phrases.default({ en: [], fr: [] }),
      /** Words opening a contrasting clause inside one sentence ("…, but it is not available to…", "…, mais Lync 2010 ne le peut pas"). */
      clauses: Phrases.default({ en: [], fr: [] }),
    })
    .default({
      list: { en: [], fr: [] },
      copulas: { en: [], fr: [] },
      qualifiers: { en: [], fr: [] },
      prepositions: { en: [], fr: [] },
      belongs: { en: [], fr: [] },
      clauses: { en: [], fr: [] },
    }),
  continuations: Phrases,
  followUp: Phrases,
  backReferences: Phrases,
  listReferences: z.strictObject({
    first: Phrases,
    last: Phrases,
    all: Phrases,
    those: Phrases,
    /** "The other one", "l'autre": of two offered, the one not picked. */
    other: Phrases.default({ en: [], fr: [] }),
  }),
  unknownProducts: Phrases,
  uncoveredSubjects: Phrases,
  unknownFeatures: Phrases.default({ en: [], fr: [] }),
  /**
   * Abbreviations written in capitals ("SE", "EE", "FE"), each with what it stands for: read as that before
   * anything else. Capitals only, as whole words: "se" in lower case is a French word.
   */
  abbreviations: z
    .record(z.string().regex(/^[A-Z][A-Z0-9]{1,5}$/, 'expected an abbreviation in capitals'), z.string().trim().min(2))
    .default({}),
  /**
   * Words administrators shorten ("haute dispo"), each with what it stands for, in the folded form the
   * classifier reads (lower case, no accents): read as that, in either language. As many words written out
   * as shortened, so that word positions stay those of the message.
   */
  shortenings: z
    .record(
      z.string().regex(/^[a-z0-9]+( [a-z0-9]+)*$/, 'expected folded words'),
      z.string().regex(/^[a-z0-9]+( [a-z0-9]+)*$/, 'expected folded words'),
    )
    .refine((m) => Object.entries(m).every(([k, v]) => k.split(' ').length === v.split(' ').length), {
      message: 'a shortening and what it stands for must have as many words',
    })
    .default({}),
  numbers: z.strictObject({ en: z.record(z.string(), z.number().int()), fr: z.record(z.string(), z.number().int()) }),
  /**
   * A procedure's steps by position: the words naming a step, ordinals with their position (-1: the last), and
   * the words asking for the step after or before the one just answered ("what's next?", "et avant ça ?").
   */
  steps: z
    .strictObject({
      words: Phrases,
      ordinals: z.strictObject({ en: z.record(z.string(), z.number().int()), fr: z.record(z.string(), z.number().int()) }),
      /** What follows an ordinal's digits ("3rd", "4e"). */
      suffixes: Phrases.default({ en: [], fr: [] }),
      next: Phrases,
      previous: Phrases,
    })
    .default({
      words: { en: [], fr: [] },
      ordinals: { en: {}, fr: {} },
      suffixes: { en: [], fr: [] },
      next: { en: [], fr: [] },
      previous: { en: [], fr: [] },
    }),
  months: z.strictObject({
    en: z.record(z.string(), z.number().int().min(1).max(12)),
    fr: z.record(z.string(), z.number().int().min(1).max(12)),
  }),
  /** Reminder requests: lead-time units keyed by their length in minutes, "the day before", "on the day", "only". */
  reminders: z.strictObject({
    units: z.record(z.string().regex(/^\d+$/, 'expected a number of minutes'), Phrases),
    dayBefore: Phrases,
    onTheDay: Phrases,
    only: Phrases,
  }),
  /** The language detector's words: function words and frequent question words of each language. */
  detector: z.strictObject({ en: z.array(z.string().trim().min(1)).min(20), fr: z.array(z.string().trim().min(1)).min(20) }),
});
export type LanguageFile = z.infer<typeof LanguageFile>;
