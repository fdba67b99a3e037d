import { Dialog, type Activity, type DialogContext, type DialogInstance, type DialogTurnResult, type TurnContext } from '../src/framework';

export interface AnswerPromptOptions {
  prompt: Partial<Activity>;
  /** Sent when a reply does not supply what was asked; the prompt again when absent. */
  retryPrompt?: Partial<Activity>;
}

/** Decides whether a reply supplies what was asked (the turn's understanding is on the context). */
export type AcceptReply = (context: TurnContext, text: string) => boolean | Promise<boolean>;

/**
 * Asks for the missing part of a question (a client, a server, a provider) and waits for a reply that
 * supplies it, which ends the dialog with the reply's text. What botbuilder's TextPrompt does for this
 * bot, without loading its choice and number recognizers (about 60 ms and 8 MB at start-up).
 */
export class AnswerPrompt extends Dialog<AnswerPromptOptions> {
  constructor(
    dialogId: string,
    private readonly accepts: AcceptReply,
  ) {
    super(dialogId);
  }

  override async beginDialog(dc: DialogContext, options?: AnswerPromptOptions): Promise<DialogTurnResult> {
    if (!options?.prompt) throw new Error(`AnswerPrompt ${this.id}: a prompt is required`);
    (dc.activeDialog as DialogInstance).state = { options };
    await dc.context.sendActivity(options.prompt);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const { activity } = dc.context;
    if (activity.type !== 'message') return Dialog.EndOfTurn;
    const text = typeof activity.text === 'string' ? activity.text : '';
    if (text.length > 0 && (await this.accepts(dc.context, text))) return dc.endDialog(text);
    const { options } = (dc.activeDialog as DialogInstance<{ options: AnswerPromptOptions }>).state;
    await dc.context.sendActivity(options.retryPrompt ?? options.prompt);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    await context.sendActivity((instance.state as { options: AnswerPromptOptions }).options.prompt);
  }
}
