import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from '../src/framework';
import { messageAnswer } from '../src/answers/metaAnswers';
import { getUnderstanding } from '../src/bot/turnUnderstanding';
import { sendAnswer, type DialogDeps } from './dialogDeps';

export const FORGET_DIALOG = 'forgetDialog';

/**
 * "Forget me", "delete my data", "oublie-moi": deletes what is kept about the conversation (its state, its
 * reference for proactive messages, its reminder subscriptions), then says so in the user's language.
 * Deleting comes first, so that the bot never confirms what it did not do.
 */
export class ForgetDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(FORGET_DIALOG);
    this.addDialog(new WaterfallDialog(`${FORGET_DIALOG}.flow`, [(step) => this.answer(step)]));
    this.initialDialogId = `${FORGET_DIALOG}.flow`;
  }

  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { lang } = getUnderstanding(step.context);
    await this.deps.forget?.(step.context);
    await sendAnswer(this.deps, step.context, messageAnswer(this.deps.kb, lang, 'forgotten'));
    return step.endDialog();
  }
}
