import type { EntityKind } from '../knowledge/knowledgeBase';
import type { Lang } from '../knowledge/schema';
import type { LastFrame } from '../reasoning/reasoner';

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
  /**
   * The last question as the reasoning layer read it: shape, products in their roles, the list the bot
   * showed and the reasons behind its answer (for "and on 2010?", "which of those…", "why?").
   */
  last?: LastFrame;
}

export function freshMemory(lang: Lang = 'en'): ConversationMemory {
  return { lang };
}
