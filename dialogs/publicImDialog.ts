import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from '../src/framework';
import { AnswerPrompt } from './answerPrompt';
import type { Answer } from '../src/answers/answer';
import { promptAnswer, unknownProviderAnswer } from '../src/answers/metaAnswers';
import { endDateAnswer, featuresAnswer, licensingAnswer, providerAnswer, providersAnswer } from '../src/answers/publicImAnswers';
import { topicAnswer } from '../src/answers/topicAnswer';
import { getUnderstanding } from '../src/bot/turnUnderstanding';
import type { Provider } from '../src/knowledge/knowledgeBase';
import type { Lang } from '../src/knowledge/schema';
import { remember, sendAnswer, type DialogDeps } from './dialogDeps';
import type { Route } from './route';

export const PUBLIC_IM_DIALOG = 'publicImDialog';
const PROVIDER_PROMPT = `${PUBLIC_IM_DIALOG}.providerPrompt`;
const FLOW = `${PUBLIC_IM_DIALOG}.flow`;

type ProviderAnswer = (kb: DialogDeps['kb'], p: Provider, lang: Lang, today: Date) => Answer;
const PER_PROVIDER: Record<string, ProviderAnswer> = {
  'pic.provider': providerAnswer,
  'pic.end_date': endDateAnswer,
  'pic.features': featuresAnswer,
  'pic.licensing': licensingAnswer,
};
const ALL_PROVIDERS = { 'pic.end_date': 'end', 'pic.features': 'features', 'pic.licensing': 'licensing' } as const;

/**
 * Public IM Connectivity (seed 003): a provider's federated features, licensing and end of service, or
 * all providers at once; other PIC questions are knowledge topics.
 */
export class PublicImDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(PUBLIC_IM_DIALOG);
    this.addDialog(new AnswerPrompt(PROVIDER_PROMPT, (context) => getUnderstanding(context).entities.providers.length > 0));
    this.addDialog(new WaterfallDialog(FLOW, [(step) => this.askProvider(step), (step) => this.answer(step)]));
    this.initialDialogId = FLOW;
  }

  private async askProvider(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const route = { ...(step.options as Route) };
    (step.values as { route?: Route }).route = route;
    if (route.unknownProduct) {
      await sendAnswer(this.deps, step.context, unknownProviderAnswer(this.deps.kb, getUnderstanding(step.context).lang));
      await remember(this.deps, step.context, { lastIntent: route.intent });
      return step.endDialog();
    }
    if (route.intent === 'pic.provider' && route.providers.length === 0) {
      const { kb } = this.deps;
      await remember(this.deps, step.context, { lastIntent: route.intent, pending: 'provider' });
      const prompt = this.deps.render(
        step.context,
        promptAnswer(
          kb,
          getUnderstanding(step.context).lang,
          'ask_provider',
          kb.providers.map((p) => p.name),
        ),
      );
      return step.prompt(PROVIDER_PROMPT, { prompt, retryPrompt: prompt });
    }
    return step.next();
  }

  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const route = (step.values as { route: Route }).route;
    const u = getUnderstanding(step.context);
    if (typeof step.result === 'string') route.providers = u.entities.providers;
    const { kb } = this.deps;
    const providers = route.providers.map((id) => kb.provider(id)).filter((p): p is Provider => p !== undefined);
    const perProvider = PER_PROVIDER[route.intent];
    const topic = kb.topic(route.intent);
    let result: Answer;
    if (perProvider && providers.length > 0) {
      const answers = providers.map((p) => perProvider(kb, p, u.lang, this.deps.now()));
      result = answers[0] as Answer;
      // Several providers in one question: each one's direct answer, in the order asked.
      for (const other of answers.slice(1)) result.details.push(other.headline);
      if (answers.length > 1) result.facts = [];
    } else if (route.intent in ALL_PROVIDERS) {
      result = providersAnswer(kb, ALL_PROVIDERS[route.intent as keyof typeof ALL_PROVIDERS], u.lang, this.deps.now());
    } else if (topic) {
      result = topicAnswer(kb, topic, u.lang);
    } else {
      result = providersAnswer(kb, 'features', u.lang, this.deps.now());
    }
    await sendAnswer(this.deps, step.context, result);
    await remember(this.deps, step.context, { lastIntent: route.intent, ...(providers[0] ? { provider: providers[0].id } : {}) });
    return step.endDialog();
  }
}
