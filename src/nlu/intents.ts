/**
 * Intents handled by code rather than by a knowledge topic. Every other intent must be the `intent` of a
 * topic in `knowledge/`. The knowledge loader checks that each of these has training phrases.
 */
export const BUILTIN_INTENTS = [
  'support.check',
  'support.client',
  'support.server',
  'support.matrix',
  'pic.provider',
  'pic.end_date',
  'pic.features',
  'pic.licensing',
  'reminders.subscribe',
  'reminders.list',
  'reminders.cancel',
  'help',
  'greeting',
  'thanks',
  'forget',
  'none',
] as const;
export type BuiltinIntent = (typeof BUILTIN_INTENTS)[number];

/** The intent for questions the bot cannot answer (other products, small talk, gibberish). */
export const NONE_INTENT: BuiltinIntent = 'none';

/** The subject an intent belongs to: the part before the first dot ("pic.end_date" → "pic"). */
export function subjectOf(intent: string): string {
  const dot = intent.indexOf('.');
  return dot < 0 ? intent : intent.slice(0, dot);
}
