import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from '../framework';
import { TenantNotAllowedError } from '../errors';
import type { TenantPolicy } from './tenantGate';

/**
 * CloudAdapter with its turn entry point public. `CloudAdapter.process` answers failures itself, with
 * the exception's text in the body and a stack on stderr; the server calls `handle` instead and chooses
 * the status and the log line (see server.ts).
 *
 * Proactive messages (`continueConversationAsync`) to a conversation of a tenant the bot does not serve
 * are refused before anything is sent, with a `TenantNotAllowedError` whose status (403) makes the
 * reminder scheduler deactivate the conversation and drop its reference, as for a bot removed.
 */
export class BotAdapter extends CloudAdapter {
  constructor(
    auth: ConstructorParameters<typeof CloudAdapter>[0],
    private readonly tenants?: TenantPolicy,
  ) {
    super(auth);
  }

  /** Authenticates the request's token, then runs `logic` for the activity. */
  handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }

  override async continueConversationAsync(...args: Parameters<CloudAdapter['continueConversationAsync']>): Promise<void> {
    const [, reference] = args;
    if (this.tenants && !this.tenants.allowsReference(reference)) throw new TenantNotAllowedError(reference.channelId ?? '');
    return super.continueConversationAsync(...args);
  }
}
