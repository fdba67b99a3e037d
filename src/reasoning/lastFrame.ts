import type { Answer } from '../answers/answer';
import type { Lang } from '../knowledge/schema';
import type { Frame, Shape } from './frame';

/** What the conversation keeps of the last question the reasoning layer answered. */
export interface LastFrame {
  subject: 'support' | 'pic' | 'licence' | 'planner' | 'decline' | 'topic';
  shape: Shape;
  clients: string[];
  servers: string[];
  providers: string[];
  features: string[];
  licences: string[];
  source?: string;
  target?: string;
  /** What the last answer listed, for "which of those", "the first one". */
  list?: { kind: 'client' | 'provider'; ids: string[] };
  /** The last answer picked among the clients of a list before it ("which of those also work on LS2013?"): `clients`. */
  among?: boolean;
  /** The reasons behind the last answer, for "why?", in both languages (the next question may switch). */
  reasons: Reasons;
  /** The clients the bot asked the user to choose between ("Which attendant do you mean?"). */
  candidates?: string[];
  /** The words of the last question, to read a follow-up with ("and high availability?"). */
  tokens?: string[];
  /** The topic that answered it, if one did. */
  intent?: string;
  /** It asked whether something still holds, since when, or when it ends ("and AOL?" asks the same). */
  still?: boolean;
  since?: boolean;
  ending?: boolean;
  /** It asked whether something is enough ("does the CAL suffice for AOL?": "and for Yahoo?" asks the same). */
  enough?: boolean;
  /** The servers of the last few questions, the latest last ("… on LS2013?", "and LS2010?", "which are on both?"). */
  recentServers?: string[];
  /**
   * The migration plan the conversation is on, kept through questions about one of its clients there ("and the
   * attendant?"), so that "how many of those 3 must be replaced?" after them counts among the plan's clients.
   */
  plan?: { clients: string[]; target: string; source?: string };
  /** The step of a procedure the last answer gave (0-based, in the topic `intent`), for "what's next?". */
  step?: number;
  /** The bot asked which server a move is from ("Moving to Lync Server 2013 from which server?"). */
  askedSource?: boolean;
}

/** A reply the reasoning layer computed, and what to remember of it. */
export interface Reasoned {
  answer: Answer;
  last: LastFrame;
}

/** Reasons in both languages. */
export type Reasons = Record<Lang, string[]>;

export function both(make: (lang: Lang) => string[]): Reasons {
  return { en: make('en'), fr: make('fr') };
}

export function emptyLast(subject: LastFrame['subject'], f: Frame): LastFrame {
  return {
    subject,
    shape: f.shape,
    clients: f.clients,
    servers: f.servers,
    providers: f.providers,
    features: f.features,
    licences: f.licences,
    ...(f.source ? { source: f.source } : {}),
    ...(f.target ? { target: f.target } : {}),
    reasons: { en: [], fr: [] },
    tokens: f.tokens,
    ...(f.still ? { still: true } : {}),
    ...(f.since ? { since: true } : {}),
    ...(f.ending ? { ending: true } : {}),
    ...(f.enough ? { enough: true } : {}),
  };
}

/** The words of a topic's thread kept for the next follow-up: its last questions, at most this many words. */
const THREAD_WORDS = 40;

/**
 * What to remember of an answer that stays on the subject before it: the words of the questions before
 * too, so that "and if the user is homed on a Lync Server 2010 pool?" two questions after "can users
 * schedule Lync meetings from OWA?" is still about scheduling from OWA.
 */
export function threadOn(next: LastFrame, before: LastFrame): LastFrame {
  const subject = (l: LastFrame): string | undefined => l.intent?.split('.')[0];
  // The servers asked about lately, each once, the latest last.
  const seen = [...(before.recentServers ?? before.servers), ...next.servers];
  const recent = seen.filter((sv, i) => seen.lastIndexOf(sv) === i).slice(-RECENT_SERVERS);
  let kept = recent.length > 0 ? { ...next, recentServers: recent } : next;
  // The plan, through questions about its clients on the server moved to.
  const plan = before.plan;
  if (plan && !next.plan && (next.subject === 'support' || next.subject === 'planner') && next.servers.every((sv) => sv === plan.target))
    kept = { ...kept, plan };
  if (next.subject !== 'topic' || before.subject !== 'topic' || !subject(next) || subject(next) !== subject(before)) return kept;
  return { ...kept, tokens: [...(before.tokens ?? []), ...(next.tokens ?? [])].slice(-THREAD_WORDS) };
}

/** How many of the servers asked about lately a conversation keeps. */
const RECENT_SERVERS = 3;
