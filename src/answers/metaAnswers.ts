import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import type { Lang } from '../knowledge/schema';
import { answer, type Answer } from './answer';
import { formatList } from './format';

/** One example question per subject, for buttons. */
function firstExamples(kb: KnowledgeBase, lang: Lang): string[] {
  return kb.bot.examples.map((g) => g.questions[0]?.[lang]).filter((q): q is string => q !== undefined);
}

/**
 * Welcome on joining (`intro`: the one introduction to a team or group chat, which says to @mention the
 * bot), help on request: what can be asked, with examples.
 */
export function helpAnswer(kb: KnowledgeBase, lang: Lang, kind: 'welcome' | 'intro' | 'help'): Answer {
  const headline = kind === 'help' ? kb.message('help_intro', lang) : kb.message(kind === 'intro' ? 'team_intro' : 'welcome', lang);
  return answer(kind === 'help' ? 'help' : 'welcome', lang, headline, {
    title: kb.message('help_title', lang),
    details: kind === 'help' ? [] : [kb.message('help_intro', lang)],
    examples: kb.bot.examples.map((g) => ({ subject: g.subject[lang], questions: g.questions.map((q) => q[lang]) })),
    notes: [{ text: kb.message('help_more', lang) }],
    suggestions: firstExamples(kb, lang),
  });
}

/** A short reply from the bot's own sentences (greeting, thanks, errors). */
export function messageAnswer(
  kb: KnowledgeBase,
  lang: Lang,
  key:
    | 'greeting'
    | 'thanks'
    | 'error'
    | 'too_long'
    | 'no_text'
    | 'feedback_thanks'
    | 'feedback_sorry'
    | 'reminders_unavailable'
    | 'forgotten',
): Answer {
  const quiet = key === 'error' || key === 'feedback_thanks' || key === 'forgotten';
  return answer('message', lang, kb.message(key, lang), { suggestions: quiet ? [] : firstExamples(kb, lang).slice(0, 3) });
}

/** An honest "I can't answer that" with what can be asked instead. */
export function cannotAnswer(kb: KnowledgeBase, lang: Lang): Answer {
  return answer('cannot-answer', lang, kb.message('cannot_answer', lang), {
    reason: 'out-of-scope',
    details: [kb.message('cannot_answer_try', lang)],
    suggestions: firstExamples(kb, lang),
  });
}

/** The product asked about is not in the knowledge base. */
export function unknownProductAnswer(kb: KnowledgeBase, lang: Lang): Answer {
  return answer(
    'cannot-answer',
    lang,
    kb.message('unknown_product', lang, {
      clients: formatList(
        kb.clients.map((c) => c.name),
        lang,
      ),
      servers: formatList(
        kb.servers.map((s) => s.name),
        lang,
      ),
    }),
    { reason: 'unknown-product', suggestions: [kb.message('suggest_matrix', lang)] },
  );
}

/** A question back to the user, with the possible replies as buttons. */
export function promptAnswer(kb: KnowledgeBase, lang: Lang, key: 'ask_client' | 'ask_server' | 'ask_provider', options: string[]): Answer {
  return answer('prompt', lang, kb.message(key, lang), { suggestions: options });
}

/** A public IM service the documentation does not cover. */
export function unknownProviderAnswer(kb: KnowledgeBase, lang: Lang): Answer {
  return answer(
    'cannot-answer',
    lang,
    kb.message('unknown_provider', lang, {
      providers: formatList(
        kb.providers.map((p) => p.name),
        lang,
      ),
    }),
    { reason: 'unknown-provider', suggestions: [kb.message('suggest_providers', lang)] },
  );
}
