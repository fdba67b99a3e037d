import { resolve } from 'node:path';
import type { Answer } from '../../src/answers/answer';
import { cannotAnswer, helpAnswer, promptAnswer, unknownProductAnswer } from '../../src/answers/metaAnswers';
import { endDateAnswer, providerAnswer, providersAnswer } from '../../src/answers/publicImAnswers';
import { cellAnswer, columnAnswer, matrixAnswer, rowAnswer } from '../../src/answers/supportAnswers';
import { topicAnswer } from '../../src/answers/topicAnswer';
import { answerCard } from '../../src/cards/answerCard';
import { withVerdict } from '../../src/cards/feedbackCard';
import { expertReplyCard, ticketCard } from '../../src/cards/expertCards';
import type { Ticket } from '../../src/experts/ticketStore';
import { parseRefKey, SupportSearch } from '../../src/search/supportSearch';
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

/** Questions whose computed answers are sample cards, in both languages (the reasoning layer answers them). */
const REASONED_SAMPLES: Record<string, Record<Lang, string>> = {
  planner: {
    en: 'we move from OCS 2007 R2 to Lync Server 2013 and still run Communicator 2007, Live Meeting 2007 and the OCS attendant: what do we need to replace?',
    fr: 'on migre de lync server 2010 vers lync server 2013, que faut-il remplacer côté clients ?',
  },
  'generic-prompt': {
    en: 'is the attendant supported on lync server 2013?',
    fr: "l'attendant est-il pris en charge sur lync server 2013 ?",
  },
  decline: {
    en: 'is lync 2013 for mac supported on lync server 2013?',
    fr: 'lync 2013 pour mac est-il pris en charge sur lync server 2013 ?',
  },
  claim: {
    en: 'UCS for users homed on lync server 2010?',
    fr: 'UCS pour les utilisateurs hébergés sur lync server 2010 ?',
  },
  // A plan's count first, then its table.
  'planner-count': {
    en: 'we are moving from OCS 2007 R2 to LS2013 and still run communicator 2007 R2, live meeting 2007 and the OCS attendant. how many must we replace?',
    fr: 'on est sur OCS 2007 R2 avec OC 2007, OC 2007 R2, live meeting 2007 et l intendant. on passe LS2013. combien de clients on doit remplacer ?',
  },
  // Two providers side by side.
  compare: {
    en: 'AOL vs Yahoo! federation: any difference in features or licensing?',
    fr: 'Yahoo et AOL : mêmes fonctionnalités ? même licence ?',
  },
  // Two questions in one message: each verdict in turn, no single badge.
  'two-questions': {
    en: 'Is Lync 2013 supported on LS2010? And is Lync Web App 2013 OK on LS2010 as well?',
    fr: 'Lync 2013 est pris en charge sur LS2010 ? Et Lync Web App 2013 sur LS2010 aussi ?',
  },
  // The whole matrix counted, one line per status.
  'matrix-count': {
    en: 'how many clients are listed in the LS2013 client support matrix?',
    fr: 'combien de clients sont listés dans la matrice de LS2013 ?',
  },
  // Two steps offered as a choice: the one that comes first.
  'step-choice': {
    en: 'which comes first: installing the LS2013 persistent chat pool or disabling LS2010 GC?',
    fr: 'pendant la bascule GC->PC, on fait quoi en dernier : demarrer les serveurs PC ou desactiver le GC 2010 ?',
  },
  // A "No" with what to use instead.
  'cell-instead': {
    en: 'is lwa 2010 supported on lync server 2013?',
    fr: 'lync web app 2010 est-il pris en charge sur lync server 2013 ?',
  },
  // A move with no server to move from: asked back, with the servers as buttons.
  'move-source-prompt': {
    en: 'migrating to LS2013, is there anything we must replace?',
    fr: 'on passe en LS2013, on doit remplacer quels clients ?',
  },
  // A step of a procedure by its position within a part of it.
  'step-position': {
    en: 'GC -> PC cutover this weekend: what is the last step of the offline window?',
    fr: 'bascule GC -> PC ce week-end. 1ere etape ?',
  },
  // A count with a status counted in too.
  'count-including': {
    en: 'how many clients work on LS2013, counting the ones that only do IM and presence?',
    fr: 'combien de clients marchent sur LS2013 en comptant OC 2007 R2 ?',
  },
  // Providers by the features they offer and lack.
  'providers-without': {
    en: 'which providers offer IM but not audio?',
    fr: "fournisseurs qui ont la messagerie instantanée mais pas l'audio ?",
  },
};

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
  const both = (name: string, make: (lang: Lang) => Answer) =>
    (['en', 'fr'] as const).map((lang) => ({ name: `${name}-${lang}`, answer: make(lang) }));
  const reasonedBoth = (name: string, questions: Record<Lang, string>) =>
    (['en', 'fr'] as const).map((lang) => ({ name: `${name}-${lang}`, answer: reasoned(questions[lang], lang) }));
  return [
    ...both('support-cell', (l) => cellAnswer(kb, [{ client: client('lync2010'), server: server('ls2013') }], l)),
    ...both('support-cell-footnote', (l) => cellAnswer(kb, [{ client: client('oc2007r2'), server: server('ls2013') }], l)),
    ...both('support-cell-not-supported', (l) => cellAnswer(kb, [{ client: client('lync2010-attendee'), server: server('ls2013') }], l)),
    ...both('support-cells', (l) =>
      cellAnswer(
        kb,
        [
          { client: client('lync2010'), server: server('ls2013') },
          { client: client('lync2010'), server: server('ocs2007r2') },
        ],
        l,
      ),
    ),
    ...both('support-matrix', (l) => matrixAnswer(kb, l)),
    ...both('support-row', (l) => rowAnswer(kb, client('lync2010-groupchat'), l)),
    ...both('support-column', (l) => columnAnswer(kb, server('ls2013'), l)),
    ...both('providers', (l) => providersAnswer(kb, 'end', l, today)),
    ...both('provider', (l) => providerAnswer(kb, provider('skype'), l, today)),
    ...both('provider-end', (l) => endDateAnswer(kb, provider('wlm'), l, today)),
    ...both('topic-pchat-migration', (l) => topicAnswer(kb, topic('pchat.migration'), l)),
    ...both('topic-pchat-cmdlet', (l) => topicAnswer(kb, topic('pchat.cmdlet'), l)),
    ...both('topic-exchange', (l) => topicAnswer(kb, topic('exchange.overview'), l)),
    ...both('topic-frontend', (l) => topicAnswer(kb, topic('frontend.editions'), l)),
    ...both('welcome', (l) => helpAnswer(kb, l, 'welcome')),
    ...both('help', (l) => helpAnswer(kb, l, 'help')),
    ...both('intro', (l) => helpAnswer(kb, l, 'intro')),
    ...both('prompt-client', (l) =>
      promptAnswer(
        kb,
        l,
        'ask_client',
        kb.clients.map((c) => c.name),
      ),
    ),
    ...both('prompt-server', (l) => promptAnswer(kb, l, 'ask_server', [...kb.servers.map((s) => s.name), kb.message('all_servers', l)])),
    ...both('cannot-answer', (l) => cannotAnswer(kb, l)),
    ...both('unknown-product', (l) => unknownProductAnswer(kb, l)),
    ...Object.entries(REASONED_SAMPLES).flatMap(([name, questions]) => reasonedBoth(name, questions)),
  ];
}

/** Every card type, built from the real knowledge base (for the browser test and `npm run cards:preview`). */
export function cardSamples(
  kb: KnowledgeBase = loadKnowledge(resolve(__dirname, '../../knowledge')),
): { name: string; card: Record<string, unknown> }[] {
  const context = { question: 'sample question', intent: 'sample' };
  const answers = sampleAnswers(kb).flatMap(({ name, answer }) => {
    const card = answerCard(kb, answer, context);
    return card ? [{ name, card: { ...card } }] : [];
  });
  // Cards as Teams shows them after a feedback button (Universal Actions): the verdict, and what next after "No".
  const verdicts = (['en', 'fr'] as const).flatMap((lang) => {
    const card = answerCard(kb, cellAnswer(kb, [{ client: find(kb.clients, 'oc2007r2'), server: find(kb.servers, 'ls2013') }], lang), {
      ...context,
      universalActions: true,
    });
    if (!card) return [];
    return [
      { name: `feedback-yes-${lang}`, card: { ...withVerdict(kb, card, true) } },
      { name: `feedback-no-${lang}`, card: { ...withVerdict(kb, card, false) } },
      { name: `feedback-buttons-${lang}`, card: { ...card } },
    ];
  });
  // Cards the message extension inserts into a conversation: the answer and its source, no buttons.
  const search = new SupportSearch(kb, new Nlu(kb), () => SAMPLE_DATE);
  const shared = (['en', 'fr'] as const).flatMap((lang) =>
    ['cell:oc2007r2:ls2013', 'row:lync2010', 'column:ocs2007r2', 'provider:yahoo'].flatMap((key) => {
      const ref = parseRefKey(key);
      const result = ref && search.resolve(ref, lang);
      const card = result && answerCard(kb, result.answer, { shared: true });
      return card ? [{ name: `search-${key.split(':')[0] ?? ''}-${lang}`, card: { ...card } }] : [];
    }),
  );
  // Ask an expert: the ticket card in the experts' channel (open, answered) and the reply the asker receives.
  const experts = (['en', 'fr'] as const).flatMap((lang) => {
    const ticket = sampleTicket(lang);
    const answered = {
      ...ticket,
      status: 'answered' as const,
      version: 3,
      answered_by_name: 'Eve Expert',
      answer:
        lang === 'fr'
          ? 'Oui : les clients Lync 2010 se connectent à Skype Entreprise Server 2015 (client hérité).'
          : 'Yes: Lync 2010 clients sign in to Skype for Business Server 2015 (as a legacy client).',
    };
    return [
      { name: `ticket-open-${lang}`, card: ticketCard(kb, ticket) },
      { name: `ticket-answered-${lang}`, card: ticketCard(kb, answered) },
      { name: `expert-reply-${lang}`, card: expertReplyCard(kb, answered) },
    ];
  });
  return [...answers, ...verdicts, ...shared, ...experts];
}

/** A ticket as the experts' channel receives it, written in `lang` (the asker's language too). */
function sampleTicket(lang: 'en' | 'fr'): Ticket {
  const ref = JSON.stringify({ channelId: 'msteams', conversation: { id: 'a:sample' } });
  return {
    id: '00000000-0000-4000-8000-000000000001',
    created_at: 0,
    updated_at: 0,
    status: 'open',
    version: 1,
    channel_id: 'msteams',
    lang,
    question:
      lang === 'fr'
        ? 'Lync 2010 est-il pris en charge sur Skype for Business Server 2015 ?'
        : 'Is Lync 2010 supported on Skype for Business Server 2015?',
    question_key: 'sample',
    note: lang === 'fr' ? 'Groupe pilote de 40 utilisateurs, migration prévue en juin.' : 'Pilot group of 40 users; we move in June.',
    bot_answer: null,
    asker_id: '29:alex',
    asker_name: 'Alex Admin',
    asker_conversation_key: 'msteams:a:sample',
    asker_reference: ref,
    experts_conversation_id: '19:experts@thread.tacv2',
    experts_reference: ref,
    experts_lang: lang,
    ticket_message_id: null,
    assigned_to_id: null,
    assigned_to_name: null,
    answered_by_name: null,
    answer: null,
    closed_by_name: null,
    close_reason: null,
  };
}
