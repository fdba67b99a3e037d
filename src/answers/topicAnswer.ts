import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import type { Lang, Topic } from '../knowledge/schema';
import { answer, type Answer } from './answer';
import { sourceOf } from './format';

/** A knowledge topic as an answer: its sentence first, then details, facts, steps and commands. */
export function topicAnswer(kb: KnowledgeBase, topic: Topic, lang: Lang): Answer {
  return answer('topic', lang, topic.answer[lang], {
    title: topic.title[lang],
    details: topic.details.map((d) => d[lang]),
    facts: topic.facts.map((f) => ({ label: f.label[lang], value: f.value[lang] })),
    steps: topic.steps.map((s) => s[lang]),
    code: topic.code.map((c) => ({ caption: c.caption[lang], text: c.text })),
    sources: [sourceOf(kb, topic.source, lang)],
    suggestions: topic.suggestions.map((s) => s[lang]),
  });
}
