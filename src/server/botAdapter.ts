import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from '../framework';

/**
 * CloudAdapter with its turn entry point public. `CloudAdapter.process` answers failures itself, with
 * the exception's text in the body and a stack on stderr; the server calls `handle` instead and chooses
 * the status and the log line (see server.ts).
 */
export class BotAdapter extends CloudAdapter {
  /** Authenticates the request's token, then runs `logic` for the activity. */
  handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}
