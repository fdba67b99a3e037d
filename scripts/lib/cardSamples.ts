import { resolve } from 'node:path';
import type { Answer } from '../../src/answers/answer';
import { cannotAnswer, helpAnswer, promptAnswer, unknownProductAnswer } from '../../src/answers/metaAnswers';
import { endDateAnswer, providerAnswer, providersAnswer } from '../../src/answers/publicImAnswers';
import { cellAnswer, columnAnswer, matrixAnswer, rowAnswer } from '../../src/answers/supportAnswers';
import { topicAnswer } from '../../src/answers/topicAnswer';
import { answerCard } from '../../src/cards/answerCard';
import type { KnowledgeBase } from '../../src/knowledge/knowledgeBase';
import { loadKnowledge } from '../../src/knowledge/loader';
import type { Lang } from '../../src/knowledge/schema';
import { Nlu } from '../../src/nlu/nlu';
import { Reasoner } from '../../src/reasoning/reasoner';

/** The date the samples are built for, so that relative dates ("12 years ago") are stable. */
export const SAMPLE_DATE = new Date('2026-11-21T00:00:00Z');

function find<T extends { id: string }>(items: readonly T[], id: string): T {
  const item = items.find((i) => i.id === id);
  if (!item) throw new Error(`card samples: no ${id} in the knowledge base`);
  return item;
}

/** One answer of every kind a card is built for, from the real knowledge base, in both languages. */
export function sampleAnswers(kb: KnowledgeBase): { name: string; answer: Answer }[] {
  const today = SAMPLE_DATE;
  const client = (id: string) => find(kb.clients, id);
  const server = (id: string) => find(kb.servers, id);
  const provider = (id: string) => find(kb.providers, id);
  const topic = (intent: string) => {
    const t = kb.topic(intent);
    if (!t) throw new Error(`card samples: no topic ${intent}`);
    return t;
  };
  // Answers the reasoning layer computes: a migration plan, a generic name asked about, a decline, a claim.
  const nlu = new Nlu(kb);
  const reasoner = new Reasoner(kb);
  const reasoned = (question: string, lang: Lang): Answer => {
    const r = reasoner.reason(nlu.understand(question, lang), undefined, today);
    if (!r) throw new Error(`card samples: the reasoning layer does not answer "${question}"`);
    return r.answer;
  };
  const both = (name: string, make: (lang: Lang) => Answer) => (['en', 'fr'] as const).map((lang) => ({ name: `${name}-${lang}`, answer: make(lang) }));
  return [
    ...both('support-cell', (l) => cellAnswer(kb, [{ client: client('lync2010'), server: server('ls2013') }], l)),
    { name: 'support-cell-footnote-en', answer: cellAnswer(kb, [{ client: client('oc2007r2'), server: server('ls2013') }], 'en') },
    { name: 'support-cell-not-supported-en', answer: cellAnswer(kb, [{ client: client('lync2010-attendee'), server: server('ls2013') }], 'en') },
    { name: 'support-cells-en', answer: cellAnswer(kb, [{ client: client('lync2010'), server: server('ls2013') }, { client: client('lync2010'), server: server('ocs2007r2') }], 'en') },
    ...both('support-matrix', (l) => matrixAnswer(kb, l)),
    { name: 'support-row-en', answer: rowAnswer(kb, client('lync2010-groupchat'), 'en') },
    { name: 'support-column-fr', answer: columnAnswer(kb, server('ls2013'), 'fr') },
    ...both('providers', (l) => providersAnswer(kb, 'end', l, today)),
    { name: 'provider-en', answer: providerAnswer(kb, provider('skype'), 'en', today) },
    { name: 'provider-end-fr', answer: endDateAnswer(kb, provider('wlm'), 'fr', today) },
    ...both('topic-pchat-migration', (l) => topicAnswer(kb, topic('pchat.migration'), l)),
    { name: 'topic-exchange-en', answer: topicAnswer(kb, topic('exchange.overview'), 'en') },
    { name: 'topic-frontend-en', answer: topicAnswer(kb, topic('frontend.editions'), 'en') },
    { name: 'welcome-en', answer: helpAnswer(kb, 'en', 'welcome') },
    { name: 'help-fr', answer: helpAnswer(kb, 'fr', 'help') },
    { name: 'prompt-client-en', answer: promptAnswer(kb, 'en', 'ask_client', kb.clients.map((c) => c.name)) },
    { name: 'prompt-server-en', answer: promptAnswer(kb, 'en', 'ask_server', [...kb.servers.map((s) => s.name), kb.message('all_servers', 'en')]) },
    { name: 'cannot-answer-en', answer: cannotAnswer(kb, 'en') },
    { name: 'planner-en', answer: reasoned('we move from OCS 2007 R2 to Lync Server 2013 and still run Communicator 2007, Live Meeting 2007 and the OCS attendant: what do we need to replace?', 'en') },
    { name: 'planner-fr', answer: reasoned('on migre de lync server 2010 vers lync server 2013, que faut-il remplacer côté clients ?', 'fr') },
    { name: 'generic-prompt-en', answer: reasoned('is the attendant supported on lync server 2013?', 'en') },
    { name: 'decline-en', answer: reasoned('is lync 2013 for mac supported on lync server 2013?', 'en') },
    { name: 'claim-fr', answer: reasoned('UCS pour les utilisateurs hébergés sur lync server 2010 ?', 'fr') },
    { name: 'unknown-product-fr', answer: unknownProductAnswer(kb, 'fr') },
  ];
}

/** Every card type, built from the real knowledge base (for the browser test and `npm run cards:preview`). */
export function cardSamples(kb: KnowledgeBase = loadKnowledge(resolve(__dirname, '../../knowledge'))): { name: string; card: Record<string, unknown> }[] {
  return sampleAnswers(kb).flatMap(({ name, answer }) => {
    const card = answerCard(kb, answer, { question: 'sample question', intent: 'sample' });
    return card ? [{ name, card: { ...card } }] : [];
  });
}
