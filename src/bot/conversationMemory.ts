import type { EntityKind } from '../knowledge/knowledgeBase';
import type { Lang } from '../knowledge/schema';

/**
 * What the bot remembers of a conversation between turns, so that follow-ups work ("and on OCS 2007 R2?",
 * "and Yahoo?") and replies keep the conversation's language when a message does not show one.
 */
export interface ConversationMemory {
  lang: Lang;
  /** The last question's intent. */
  lastIntent?: string;
  client?: string;
  server?: string;
  provider?: string;
  /** The kind of product the bot has just asked for. */
  pending?: EntityKind;
}

export function freshMemory(lang: Lang = 'en'): ConversationMemory {
  return { lang };
}
