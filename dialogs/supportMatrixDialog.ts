import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type TurnContext, type WaterfallStepContext } from '../src/framework';
import { AnswerPrompt } from './answerPrompt';
import { promptAnswer, unknownProductAnswer } from '../src/answers/metaAnswers';
import { topicAnswer } from '../src/answers/topicAnswer';
import { cellAnswer, columnAnswer, matrixAnswer, rowAnswer } from '../src/answers/supportAnswers';
import type { Client, KnowledgeBase, Server } from '../src/knowledge/knowledgeBase';
import { normalizePhrase } from '../src/nlu/normalize';
import { getUnderstanding } from '../src/bot/turnUnderstanding';
import { remember, sendAnswer, type DialogDeps } from './dialogDeps';
import type { Route } from './route';

export const SUPPORT_MATRIX_DIALOG = 'supportMatrixDialog';
const CLIENT_PROMPT = `${SUPPORT_MATRIX_DIALOG}.clientPrompt`;
const SERVER_PROMPT = `${SUPPORT_MATRIX_DIALOG}.serverPrompt`;
const FLOW = `${SUPPORT_MATRIX_DIALOG}.flow`;

/** Whether a reply is the "All servers" option of the server prompt, in either language. */
export function saysAllServers(kb: KnowledgeBase, text: string): boolean {
  const said = normalizePhrase(text);
  return said !== '' && (['en', 'fr'] as const).some((lang) => normalizePhrase(kb.message('all_servers', lang)) === said);
}

/**
 * Client support questions (seed 000): one client on one server, a client across servers, a server
 * across clients, or the whole matrix. Asks for the client or server when the question lacks it.
 */
export class SupportMatrixDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(SUPPORT_MATRIX_DIALOG);
    this.addDialog(new AnswerPrompt(CLIENT_PROMPT, (context) => this.hasClient(context)));
    this.addDialog(new AnswerPrompt(SERVER_PROMPT, (context, text) => this.hasServer(context, text)));
    this.addDialog(
      new WaterfallDialog(FLOW, [(step) => this.askClient(step), (step) => this.askServer(step), (step) => this.answer(step)]),
    );
    this.initialDialogId = FLOW;
  }

  private hasClient(context: TurnContext): boolean {
    return getUnderstanding(context).entities.clients.length > 0;
  }

  private hasServer(context: TurnContext, text: string): boolean {
    return getUnderstanding(context).entities.servers.length > 0 || this.isAllServers(text);
  }

  private isAllServers(text: string): boolean {
    return saysAllServers(this.deps.kb, text);
  }

  private async askClient(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const route = step.options as Route;
    (step.values as { route?: Route }).route = { ...route };
    const { kb } = this.deps;
    const lang = getUnderstanding(step.context).lang;
    // Support topics (coexistence, the Group Chat server) are answered as written, unless the question
    // names one client and one server: then the matrix cell answers it exactly.
    const u = getUnderstanding(step.context);
    const pair = route.clients.length > 0 && route.servers.length > 0 && u.entities.products.length === 0;
    const topic = pair ? undefined : kb.topic(route.intent);
    if (route.unknownProduct || topic) {
      await sendAnswer(this.deps, step.context, topic ? topicAnswer(kb, topic, lang) : unknownProductAnswer(kb, lang));
      await remember(this.deps, step.context, { lastIntent: route.intent });
      return step.endDialog();
    }
    if ((route.intent === 'support.check' || route.intent === 'support.client') && route.clients.length === 0) {
      await remember(this.deps, step.context, {
        lastIntent: route.intent,
        ...(route.servers[0] ? { server: route.servers[0] } : {}),
        pending: 'client',
      });
      const prompt = this.deps.render(
        step.context,
        promptAnswer(
          kb,
          lang,
          'ask_client',
          kb.clients.map((c) => c.name),
        ),
      );
      return step.prompt(CLIENT_PROMPT, { prompt, retryPrompt: prompt });
    }
    return step.next();
  }

  private async askServer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const route = (step.values as { route: Route }).route;
    if (step.result !== undefined) {
      // The answer to "which client?" may name the server too ("Lync Web App 2013 on Lync Server 2010").
      const reply = getUnderstanding(step.context).entities;
      route.clients = reply.clients;
      if (reply.servers.length > 0) route.servers = reply.servers;
    }
    const { kb } = this.deps;
    const lang = getUnderstanding(step.context).lang;
    if ((route.intent === 'support.check' || route.intent === 'support.server') && route.servers.length === 0) {
      await remember(this.deps, step.context, {
        lastIntent: route.intent,
        ...(route.clients[0] ? { client: route.clients[0] } : {}),
        pending: 'server',
      });
      const options = [...kb.servers.map((s) => s.name), ...(route.intent === 'support.check' ? [kb.message('all_servers', lang)] : [])];
      const prompt = this.deps.render(step.context, promptAnswer(kb, lang, 'ask_server', options));
      return step.prompt(SERVER_PROMPT, { prompt, retryPrompt: prompt });
    }
    return step.next();
  }

  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const route = (step.values as { route: Route }).route;
    const { kb } = this.deps;
    const u = getUnderstanding(step.context);
    if (typeof step.result === 'string') {
      if (this.isAllServers(step.result)) route.intent = 'support.client';
      else route.servers = u.entities.servers;
    }
    const clients = route.clients.map((id) => kb.client(id)).filter((c): c is Client => c !== undefined);
    const servers = route.servers.map((id) => kb.server(id)).filter((s): s is Server => s !== undefined);
    const lang = u.lang;
    let result;
    if (route.intent === 'support.matrix') result = matrixAnswer(kb, lang);
    else if (route.intent === 'support.client' && clients.length > 0) result = rowAnswer(kb, clients[0] as Client, lang);
    else if (route.intent === 'support.server' && servers.length > 0 && clients.length === 0)
      result = columnAnswer(kb, servers[0] as Server, lang);
    else if (clients.length > 0 && servers.length > 0)
      result = cellAnswer(
        kb,
        clients.flatMap((client) => servers.map((server) => ({ client, server }))),
        lang,
      );
    else if (clients.length > 0) result = rowAnswer(kb, clients[0] as Client, lang);
    else if (servers.length > 0) result = columnAnswer(kb, servers[0] as Server, lang);
    else result = matrixAnswer(kb, lang);
    await sendAnswer(this.deps, step.context, result);
    // The question as finally answered (after "which server?"), for "why?" and "and on 2010?" next.
    await remember(this.deps, step.context, ({ last }) => ({
      lastIntent: route.intent,
      ...(clients[0] ? { client: clients[0].id } : {}),
      ...(servers[0] ? { server: servers[0].id } : {}),
      ...(last && (last.subject === 'support' || last.subject === 'planner')
        ? {
            last: {
              ...last,
              clients: clients.map((c) => c.id),
              servers: servers.map((sv) => sv.id),
              reasons: { en: [], fr: [] },
              // A server's column lists its clients: "which of those still work after we move?" next is among the
              // ones supported there.
              ...(clients.length === 0 && servers.length === 1 && this.deps.worksOn
                ? { list: { kind: 'client' as const, ids: this.deps.worksOn((servers[0] as Server).id) } }
                : {}),
            },
          }
        : {}),
    }));
    return step.endDialog();
  }
}
