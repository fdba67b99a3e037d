import { inSentence, punctuation } from '../answers/format';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import type { Lang } from '../knowledge/schema';

/**
 * A sentence opened by the verdict it gives to a yes/no question ("Yes: federation offers video with …",
 * "Oui : les clients titulaires…"): the bot's yes or no, a colon as each language writes it, then the sentence
 * with its first letter in lower case — unless it opens with a product's name.
 */
export function withVerdict(kb: KnowledgeBase, lang: Lang, yes: boolean, sentence: string): string {
  const named = [...kb.clients, ...kb.servers, ...kb.providers].some((p) => sentence.startsWith(p.name));
  const rest = named ? sentence : inSentence(sentence);
  return `${kb.message(yes ? 'verdict_yes' : 'verdict_no', lang)}${punctuation(':', lang)}${rest}`;
}
