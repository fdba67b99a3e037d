import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from '../src/framework';
import { cannotAnswer } from '../src/answers/metaAnswers';
import { topicAnswer } from '../src/answers/topicAnswer';
import { getUnderstanding } from '../src/bot/turnUnderstanding';
import { remember, sendAnswer, type DialogDeps } from './dialogDeps';
import type { Route } from './route';

/** Id of the dialog that answers a topics subject ("pchat" → "topicDialog.pchat"). */
export function topicDialogId(subject: string): string {
  return `topicDialog.${subject}`;
}

/**
 * Answers the questions of one subject whose answers are knowledge topics: Persistent Chat (seed 002),
 * Exchange 2013 integration (001) and Front End, IM and presence (004) each get an instance, and so does
 * any subject file an administrator adds to `knowledge/`.
 */
export class TopicDialog extends ComponentDialog {
  constructor(
    readonly subject: string,
    private readonly deps: DialogDeps,
  ) {
    super(topicDialogId(subject));
    this.addDialog(new WaterfallDialog(`${topicDialogId(subject)}.flow`, [(step) => this.answer(step)]));
    this.initialDialogId = `${topicDialogId(subject)}.flow`;
  }

  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const route = step.options as Route;
    const { lang } = getUnderstanding(step.context);
    const topic = this.deps.kb.topic(route.intent);
    await sendAnswer(this.deps, step.context, topic ? topicAnswer(this.deps.kb, topic, lang) : cannotAnswer(this.deps.kb, lang));
    await remember(this.deps, step.context, { lastIntent: route.intent });
    return step.endDialog();
  }
}
