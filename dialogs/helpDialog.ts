import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from '../src/framework';
import { cannotAnswer, helpAnswer, messageAnswer } from '../src/answers/metaAnswers';
import { getUnderstanding } from '../src/bot/turnUnderstanding';
import { sendAnswer, type DialogDeps } from './dialogDeps';
import type { Route } from './route';

export const HELP_DIALOG = 'helpDialog';

/** Help, greetings, thanks, and the honest "I can't answer that" for everything out of scope. */
export class HelpDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(HELP_DIALOG);
    this.addDialog(new WaterfallDialog(`${HELP_DIALOG}.flow`, [(step) => this.answer(step)]));
    this.initialDialogId = `${HELP_DIALOG}.flow`;
  }

  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { intent } = step.options as Route;
    const { kb } = this.deps;
    const { lang } = getUnderstanding(step.context);
    const reply =
      intent === 'help'
        ? helpAnswer(kb, lang, 'help')
        : intent === 'greeting'
          ? messageAnswer(kb, lang, 'greeting')
          : intent === 'thanks'
            ? messageAnswer(kb, lang, 'thanks')
            : cannotAnswer(kb, lang);
    await sendAnswer(this.deps, step.context, reply);
    return step.endDialog();
  }
}
