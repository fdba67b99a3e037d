import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Activity, ConversationReference, Middleware, TurnContext } from '../framework';

/** HTTP 403 (botbuilder's StatusCodes has no name for it). */
const FORBIDDEN = 403;

/** The body of the 403 invoke response to a tenant that is not served. */
export const TENANT_REFUSED_BODY = { error: 'this bot is not available to your organization' } as const;

/** The tenant ids an activity or conversation reference names (Teams: `channelData.tenant.id`, `conversation.tenantId`). */
export function tenantsOf(activity: Partial<Pick<Activity, 'channelData' | 'conversation'>>): string[] {
  const ids = new Set<string>();
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  if (typeof fromChannelData === 'string' && fromChannelData !== '') ids.add(fromChannelData.toLowerCase());
  const fromConversation = (activity.conversation as { tenantId?: unknown } | undefined)?.tenantId;
  if (typeof fromConversation === 'string' && fromConversation !== '') ids.add(fromConversation.toLowerCase());
  return [...ids];
}

/**
 * Which tenants the bot serves (`ALLOWED_TENANT_IDS`; empty: all). An activity or reference is served
 * when every tenant it names is allowed. One that names none is served on channels that have no tenants
 * (Slack, Web Chat, Direct Line, the Emulator: each is connected to the bot by its owner), but not on
 * Teams, which always names one.
 */
export class TenantPolicy {
  private readonly allowed: ReadonlySet<string>;

  constructor(allowed: readonly string[]) {
    this.allowed = new Set(allowed.map((id) => id.toLowerCase()));
  }

  /** Whether the setting restricts anything. */
  get restricted(): boolean {
    return this.allowed.size > 0;
  }

  /** Whether an incoming activity, or a stored conversation reference, belongs to a served tenant. */
  allows(activity: Partial<Pick<Activity, 'channelData' | 'conversation' | 'channelId'>>): boolean {
    if (!this.restricted) return true;
    const tenants = tenantsOf(activity);
    if (tenants.length === 0) return activity.channelId !== 'msteams';
    return tenants.every((id) => this.allowed.has(id));
  }

  /** Whether a proactive message may go to a conversation. */
  allowsReference(reference: Partial<ConversationReference>): boolean {
    return this.allows({ channelId: reference.channelId ?? '', conversation: reference.conversation as Activity['conversation'] });
  }
}

/**
 * A set of at most `max` keys that forgets the least recently used one beyond that. Keys are hashed, so a
 * long conversation id costs no more memory than a short one.
 */
export class BoundedSet {
  private readonly keys = new Map<string, true>();

  constructor(private readonly max: number) {}

  /** Adds a key; false when it was already there (it becomes the most recently used). */
  add(key: string): boolean {
    const hashed = createHash('sha256').update(key).digest('base64');
    const had = this.keys.delete(hashed);
    this.keys.set(hashed, true);
    if (this.keys.size > this.max) this.keys.delete(this.keys.keys().next().value as string);
    return !had;
  }

  get size(): number {
    return this.keys.size;
  }
}

/** Conversations from other tenants remembered as already told (about 100 bytes each). */
export const REFUSED_CONVERSATIONS_KEPT = 10_000;

export interface TenantGateDeps {
  policy: TenantPolicy;
  /** The polite refusal for a message from a tenant that is not served (in the user's language). */
  refusal(context: TurnContext): Partial<Activity>;
  logger: Logger;
  /** Conversations already told (default: the last 10,000, in memory). */
  refused?: BoundedSet;
}

/**
 * The first middleware: a turn from a tenant the bot does not serve goes no further. Nothing downstream
 * runs, so nothing is answered or stored (no state, no conversation reference for proactive messages).
 * A message gets a polite refusal once per conversation, then silence; an invoke gets 403.
 *
 * "Once" is remembered in memory rather than in the database: a tenant the bot does not serve must not
 * be able to make it write rows (one per conversation it opens), and the set is bounded. A restart, or
 * another replica, may tell a conversation once more, which is harmless.
 */
export function createTenantGate(deps: TenantGateDeps): Middleware {
  const refused = deps.refused ?? new BoundedSet(REFUSED_CONVERSATIONS_KEPT);
  return {
    onTurn: async (context, next) => {
      const { activity } = context;
      if (deps.policy.allows(activity)) {
        await next();
        return;
      }
      const details = { tenants: tenantsOf(activity), channelId: activity.channelId, activityType: activity.type };
      if (activity.type === 'invoke') {
        await context.sendActivity({ type: 'invokeResponse', value: { status: FORBIDDEN, body: TENANT_REFUSED_BODY } });
        deps.logger.info(details, 'invoke from a tenant not in ALLOWED_TENANT_IDS refused (403)');
        return;
      }
      const first = activity.type === 'message' && refused.add(`${activity.channelId}\n${activity.conversation?.id ?? ''}`);
      if (!first) {
        deps.logger.debug(details, 'activity from a tenant not in ALLOWED_TENANT_IDS ignored');
        return;
      }
      deps.logger.info(details, 'message from a tenant not in ALLOWED_TENANT_IDS refused (told once per conversation)');
      try {
        await context.sendActivity(deps.refusal(context));
      } catch (err) {
        deps.logger.warn({ ...details, err }, 'could not send the refusal to a tenant not in ALLOWED_TENANT_IDS');
      }
    },
  };
}
