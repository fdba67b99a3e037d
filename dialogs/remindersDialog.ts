import { ComponentDialog, TurnContext, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from '../src/framework';
import { remindersCancelledAnswer, remindersListAnswer, subscribedAnswer } from '../src/answers/reminderAnswers';
import { messageAnswer } from '../src/answers/metaAnswers';
import { getUnderstanding } from '../src/bot/turnUnderstanding';
import { leadRequestOf, leadRequestOrDefault, reminderWords, targetOf, type ReminderWords } from '../src/reminders/reminderRequest';
import { conversationKeyOf } from '../src/reminders/reminderStore';
import { remember, sendAnswer, type DialogDeps } from './dialogDeps';
import type { Route } from './route';

export const REMINDERS_DIALOG = 'remindersDialog';

/**
 * Reminders of end-of-life dates: subscribe ("remind me before Yahoo federation ends", "remind me 14 days
 * before"), list ("what reminders do I have?") and cancel ("stop the reminders", "cancel the AOL reminder").
 */
export class RemindersDialog extends ComponentDialog {
  private readonly words: ReminderWords;

  constructor(private readonly deps: DialogDeps) {
    super(REMINDERS_DIALOG);
    this.words = reminderWords(deps.kb.language);
    this.addDialog(new WaterfallDialog(`${REMINDERS_DIALOG}.flow`, [(step) => this.answer(step)]));
    this.initialDialogId = `${REMINDERS_DIALOG}.flow`;
  }

  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { intent } = step.options as Route;
    const { kb, reminders } = this.deps;
    const u = getUnderstanding(step.context);
    if (!reminders) {
      await sendAnswer(this.deps, step.context, messageAnswer(kb, u.lang, 'reminders_unavailable'));
      return step.endDialog();
    }
    const key = conversationKeyOf(TurnContext.getConversationReference(step.context.activity));
    let target = targetOf(u);
    // "Remind me 14 days before" right after a question about one provider is about that provider.
    const memory = await this.deps.memory.get(step.context, { lang: u.lang });
    if (
      target.kind === 'all' &&
      leadRequestOf(u.tokens, this.words) &&
      memory.provider &&
      /^(pic|reminders)\./.test(memory.lastIntent ?? '')
    ) {
      target = { kind: 'deadlines', ids: [`pic:${memory.provider}`] };
    }
    const today = this.deps.now();
    if (intent === 'reminders.list') {
      await sendAnswer(this.deps, step.context, remindersListAnswer(kb, await reminders.list(key), u.lang));
    } else if (intent === 'reminders.cancel') {
      const count = await reminders.cancel(key, target);
      const dates = target.kind === 'deadlines' ? target.ids.flatMap((id) => reminders.deadline(id) ?? []) : [];
      await sendAnswer(this.deps, step.context, remindersCancelledAnswer(kb, count, u.lang, dates));
    } else {
      const outcome = await reminders.subscribe(key, target, leadRequestOrDefault(u.tokens, this.words), u.lang);
      await sendAnswer(this.deps, step.context, subscribedAnswer(kb, outcome, u.lang, today));
    }
    const provider = target.kind === 'deadlines' ? target.ids.find((id) => id.startsWith('pic:'))?.slice(4) : undefined;
    await remember(this.deps, step.context, { lastIntent: intent, ...(provider ? { provider } : {}) });
    return step.endDialog();
  }
}
