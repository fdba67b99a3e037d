import type { KnowledgeBase, Provider } from '../knowledge/knowledgeBase';
import type { Lang } from '../knowledge/schema';
import { answer, type Answer, type TableCell } from './answer';
import { daysUntil, formatDate, formatList, formatRelative, sourceOf } from './format';

function capabilities(kb: KnowledgeBase, p: Provider, lang: Lang): string {
  return formatList(
    p.capabilities.map((c) => kb.publicIm.capabilities[c]?.[lang] ?? c),
    lang,
  );
}

/** The end-of-service sentence for a provider: past, ahead, or no date documented. */
export function endSentence(kb: KnowledgeBase, p: Provider, lang: Lang, today: Date): string {
  if (!p.endOfService) return kb.message('end_none', lang, { provider: p.name });
  const key = daysUntil(p.endOfService, today) < 0 ? 'end_past' : 'end_future';
  return kb.message(key, lang, {
    provider: p.name,
    date: formatDate(p.endOfService, lang),
    relative: formatRelative(p.endOfService, today, lang),
  });
}

function endCell(p: Provider, lang: Lang, today: Date): TableCell {
  if (!p.endOfService) return { text: '—' };
  const past = daysUntil(p.endOfService, today) < 0;
  return {
    text: `${formatDate(p.endOfService, lang)} (${formatRelative(p.endOfService, today, lang)})`,
    tone: past ? 'attention' : 'warning',
  };
}

function providerDetails(p: Provider, lang: Lang): string[] {
  return [...(p.serviceNote ? [p.serviceNote[lang]] : []), ...p.notes.map((n) => n.text[lang])];
}

/** Everything about one provider. */
export function providerAnswer(kb: KnowledgeBase, p: Provider, lang: Lang, today: Date): Answer {
  return answer('provider', lang, kb.message('provider_headline', lang, { provider: p.name, capabilities: capabilities(kb, p, lang) }), {
    title: p.name,
    tone: p.endOfService && daysUntil(p.endOfService, today) < 0 ? 'attention' : 'good',
    details: [endSentence(kb, p, lang, today), ...providerDetails(p, lang)],
    facts: providerFacts(kb, p, lang, today),
    sources: [sourceOf(kb, p.source, lang)],
    suggestions: [kb.message('suggest_providers', lang)],
  });
}

function providerFacts(kb: KnowledgeBase, p: Provider, lang: Lang, today: Date): Answer['facts'] {
  return [
    { label: kb.message('capabilities_column', lang), value: capabilities(kb, p, lang) },
    { label: kb.message('licensing_column', lang), value: p.licensing[lang] },
    { label: kb.message('end_column', lang), value: endCell(p, lang, today).text },
  ];
}

/** When federation with one provider ends or ended. */
export function endDateAnswer(kb: KnowledgeBase, p: Provider, lang: Lang, today: Date): Answer {
  return answer('provider', lang, endSentence(kb, p, lang, today), {
    title: p.name,
    tone: p.endOfService && daysUntil(p.endOfService, today) < 0 ? 'attention' : 'good',
    details: providerDetails(p, lang),
    facts: providerFacts(kb, p, lang, today),
    sources: [sourceOf(kb, p.source, lang)],
    suggestions: kb.providers
      .filter((o) => o.id !== p.id)
      .map((o) => kb.message('suggest_end', lang, { provider: o.name }))
      .slice(0, 3),
  });
}

/** Federated features of one provider. */
export function featuresAnswer(kb: KnowledgeBase, p: Provider, lang: Lang, today: Date): Answer {
  return answer('provider', lang, kb.message('features_headline', lang, { provider: p.name, capabilities: capabilities(kb, p, lang) }), {
    title: p.name,
    details: [endSentence(kb, p, lang, today)],
    facts: providerFacts(kb, p, lang, today),
    sources: [sourceOf(kb, p.source, lang)],
    suggestions: [kb.message('suggest_providers', lang)],
  });
}

/** Licensing for one provider. */
export function licensingAnswer(kb: KnowledgeBase, p: Provider, lang: Lang, today: Date): Answer {
  return answer('provider', lang, kb.message('licensing_headline', lang, { provider: p.name, licensing: p.licensing[lang] }), {
    title: p.name,
    details: [...p.notes.map((n) => n.text[lang]), endSentence(kb, p, lang, today)],
    facts: providerFacts(kb, p, lang, today),
    sources: [sourceOf(kb, p.source, lang)],
    suggestions: [kb.message('suggest_providers', lang)],
  });
}

export type ProvidersFocus = 'end' | 'features' | 'licensing';

/** All providers in one table; the headline answers the question's focus. */
export function providersAnswer(kb: KnowledgeBase, focus: ProvidersFocus, lang: Lang, today: Date): Answer {
  let headline: string;
  let details: string[] = [];
  if (focus === 'end') {
    const byDate = new Map<string, Provider[]>();
    for (const p of kb.providers) if (p.endOfService) byDate.set(p.endOfService, [...(byDate.get(p.endOfService) ?? []), p]);
    const sentences = [...byDate.keys()].sort().map((date) => {
      const group = byDate.get(date) as Provider[];
      const key = daysUntil(date, today) < 0 ? 'end_past' : 'end_future';
      return kb.message(key, lang, {
        provider: formatList(
          group.map((p) => p.name),
          lang,
        ),
        date: formatDate(date, lang),
        relative: formatRelative(date, today, lang),
      });
    });
    const open = kb.providers.filter((p) => !p.endOfService);
    if (open.length > 0)
      sentences.push(
        kb.message('end_none', lang, {
          provider: formatList(
            open.map((p) => p.name),
            lang,
          ),
        }),
      );
    headline =
      sentences[0] ??
      kb.message('end_none', lang, {
        provider: formatList(
          kb.providers.map((p) => p.name),
          lang,
        ),
      });
    details = [...sentences.slice(1), ...open.flatMap((p) => (p.serviceNote ? [p.serviceNote[lang]] : []))];
  } else {
    headline = kb.message(focus === 'features' ? 'features_all_headline' : 'licensing_all_headline', lang);
    if (focus === 'licensing') details = kb.publicIm.notes.map((n) => n.text[lang]);
  }
  return answer('providers', lang, headline, {
    title: kb.message('providers_title', lang),
    details,
    table: {
      columns: [
        kb.message('provider_column', lang),
        kb.message('capabilities_column', lang),
        kb.message('licensing_column', lang),
        kb.message('end_column', lang),
      ],
      rows: kb.providers.map((p) => [
        { text: p.name },
        { text: capabilities(kb, p, lang) },
        { text: p.licensing[lang] },
        endCell(p, lang, today),
      ]),
    },
    sources: [sourceOf(kb, kb.providers[0]?.source ?? '', lang)],
  });
}
