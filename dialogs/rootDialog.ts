import { ComponentDialog, type DialogContext, type DialogTurnResult } from '../src/framework';
import { freshMemory } from '../src/bot/conversationMemory';
import { getUnderstanding } from '../src/bot/turnUnderstanding';
import { NONE_INTENT, subjectOf } from '../src/nlu/intents';
import { CONFIDENT } from '../src/nlu/nlu';
import { sendAnswer, type DialogDeps } from './dialogDeps';
import { Reasoner, threadOn, type LastFrame } from '../src/reasoning/reasoner';
import { FORGET_DIALOG, ForgetDialog } from './forgetDialog';
import { HELP_DIALOG, HelpDialog } from './helpDialog';
import { PUBLIC_IM_DIALOG, PublicImDialog } from './publicImDialog';
import { REMINDERS_DIALOG, RemindersDialog } from './remindersDialog';
import { resolveRoute } from './route';
import { saysAllServers, SUPPORT_MATRIX_DIALOG, SupportMatrixDialog } from './supportMatrixDialog';
import { TopicDialog, topicDialogId } from './topicDialog';

export const ROOT_DIALOG = 'rootDialog';

const SUBJECTS_WITH_PRODUCTS = new Set(['support', 'pic']);

/** Subjects answered by a dialog of their own; any other subject is a topics file with a TopicDialog. */
const ROUTES: Record<string, string> = {
  support: SUPPORT_MATRIX_DIALOG,
  pic: PUBLIC_IM_DIALOG,
  help: HELP_DIALOG,
  greeting: HELP_DIALOG,
  thanks: HELP_DIALOG,
  none: HELP_DIALOG,
  reminders: REMINDERS_DIALOG,
  forget: FORGET_DIALOG,
};

/**
 * The router: sends each question to its subject's dialog, and lets a new question interrupt a dialog
 * that is waiting for an answer ("which server?" answered with another question starts that one).
 */
export class RootDialog extends ComponentDialog {
  private readonly topicSubjects = new Set<string>();
  private readonly relatedIntents: Record<string, string>;
  private readonly reasoner: Reasoner;

  private readonly deps: DialogDeps;

  constructor(given: DialogDeps) {
    super(ROOT_DIALOG);
    const reasoner = new Reasoner(given.kb);
    this.reasoner = reasoner;
    // Every answer, whichever dialog gives it, is checked to give what the question asked for.
    this.deps = {
      ...given,
      vet: (context, a) => reasoner.vet(getUnderstanding(context), a),
      worksOn: (server) => reasoner.supportedOn(server),
    };
    const deps = this.deps;
    this.relatedIntents = Object.fromEntries(deps.kb.support.relatedProducts.map((p) => [p.id, p.intent]));
    this.addDialog(new SupportMatrixDialog(deps));
    this.addDialog(new PublicImDialog(deps));
    this.addDialog(new HelpDialog(deps));
    this.addDialog(new RemindersDialog(deps));
    this.addDialog(new ForgetDialog(deps));
    for (const { subject } of deps.kb.subjects) {
      this.topicSubjects.add(subject);
      this.addDialog(new TopicDialog(subject, deps));
    }
  }

  protected override async onBeginDialog(inner: DialogContext): Promise<DialogTurnResult> {
    return this.route(inner);
  }

  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    const u = getUnderstanding(inner.context);
    const memory = await this.deps.memory.get(inner.context, freshMemory(u.lang));
    // A bare version typed in answer to "Which server do you mean?" ("2010", "la 2013", "r2").
    if (memory.pending === 'server' && u.mentions.length === 0) {
      const server = this.reasoner.bareServerOf(u);
      if (server) {
        const at = u.tokens.length - 1;
        u.mentions.push({ kind: 'server', id: server, start: at, end: at + 1, cost: 0 });
        u.entities.servers.push(server);
      }
    }
    const answersPrompt =
      memory.pending !== undefined &&
      (u.mentions.some((m) => m.kind === memory.pending) || (memory.pending === 'server' && saysAllServers(this.deps.kb, u.text)));
    const newQuestion = !answersPrompt && (u.mentions.length > 0 || (u.intent !== 'none' && u.confidence >= CONFIDENT));
    if (newQuestion) {
      await inner.cancelAllDialogs();
      return this.route(inner);
    }
    return inner.continueDialog();
  }

  private async route(inner: DialogContext): Promise<DialogTurnResult> {
    const u = getUnderstanding(inner.context);
    const memory = await this.deps.memory.get(inner.context, freshMemory(u.lang));
    // Questions whose answer is computed from the knowledge's relations, for their shape and in context.
    const reasoned = this.reasoner.reason(u, memory.last, this.deps.now());
    if (reasoned) {
      await sendAnswer(this.deps, inner.context, reasoned.answer);
      const { last } = reasoned;
      const next = { ...memory, last, lastIntent: last.subject === 'pic' || last.subject === 'licence' ? 'pic.provider' : 'support.check' };
      delete next.pending;
      if (last.clients[0]) next.client = last.clients[0];
      if (last.servers[0]) next.server = last.servers[0];
      if (last.providers[0]) next.provider = last.providers[0];
      await this.deps.memory.set(inner.context, next);
      return inner.endDialog();
    }
    // What the intent dialogs answer is remembered too, for the next follow-up.
    const frame = this.reasoner.frame(u);
    const route = resolveRoute(u, memory, this.relatedIntents, this.deps.kb.requiredWords, frame.shape === 'yesno');
    const subject = subjectOf(route.intent);
    const topic = this.deps.kb.topic(route.intent);
    // "Why?" after a topic's answer: what follows its first sentence.
    const details = { en: topic?.details.map((d) => d.en) ?? [], fr: topic?.details.map((d) => d.fr) ?? [] };
    let last: LastFrame | undefined =
      subject === 'support' || subject === 'pic'
        ? {
            subject: subject === 'pic' ? 'pic' : 'support',
            shape: frame.shape,
            clients: route.clients,
            servers: route.servers,
            providers: route.providers,
            features: frame.features,
            licences: frame.licences,
            // (A topic of the subject — the Lync Server 2010 Group Chat server's — gives its details as reasons, as topics do.)
            reasons: topic && topic.details.length > 0 ? details : this.reasoner.reasonsOf(route.clients, route.servers),
            tokens: frame.tokens,
            // A server's column lists its clients: "which of those…" next refers to the supported ones.
            ...(route.clients.length === 0 && route.servers.length === 1
              ? { list: { kind: 'client' as const, ids: this.reasoner.supportedOn(route.servers[0] as string) } }
              : {}),
            // The providers' overview lists them all: "which of those have ended?" next is among them.
            ...(subject === 'pic' && route.providers.length === 0
              ? { list: { kind: 'provider' as const, ids: this.deps.kb.providers.map((p) => p.id) } }
              : {}),
          }
        : topic
          ? {
              // "Why?" after a topic's answer: what follows its first sentence.
              subject: 'topic',
              shape: frame.shape,
              clients: route.clients,
              servers: route.servers,
              providers: route.providers,
              features: [],
              licences: [],
              reasons: details,
              tokens: frame.tokens,
              intent: topic.intent,
            }
          : undefined;
    // (A follow-up on the same topic keeps the words of the questions before it: see threadOn.)
    if (last && memory.last) last = threadOn(last, memory.last);
    await this.deps.memory.set(inner.context, { ...memory, ...(last ? { last } : {}) });
    if (!last) {
      const cleared = { ...memory };
      delete cleared.last;
      await this.deps.memory.set(inner.context, cleared);
    }
    // Support and PIC dialogs say which products they know; other subjects have no such list.
    if (route.unknownProduct && !SUBJECTS_WITH_PRODUCTS.has(subject))
      return inner.beginDialog(HELP_DIALOG, { ...route, intent: NONE_INTENT });
    const target = ROUTES[subject] ?? (this.topicSubjects.has(subject) ? topicDialogId(subject) : HELP_DIALOG);
    return inner.beginDialog(target, route);
  }
}
