import { randomUUID } from 'node:crypto';
import { strict as assert } from 'node:assert';
import { post, postForBody, teamsInvoke, teamsPersonalMessage } from '../../scripts/lib/activities';
import type { ConnectorStandIn, Recorded } from '../../scripts/lib/connectorStandIn';
import type { AdaptiveCard, CardAction, CardElement } from '../../src/cards/adaptiveCard';

export const TEAM = '19:lync-admins@thread.tacv2';
export const EXPERTS_CHANNEL = '19:experts-channel@thread.tacv2';
export const BOT = { id: '28:lync-compat-bot', name: 'Lync Compat' };
export const OWNER = { id: '29:olivia-owner', name: 'Olivia Owner', userRole: 'owner' as const };
export const EXPERT = { id: '29:eve-expert', name: 'Eve Expert', userRole: 'user' as const };
export const STRANGER = { id: '29:sam-stranger', name: 'Sam Stranger' };

const CARD = 'application/vnd.microsoft.card.adaptive';

/** The team's members as the connector stand-in answers them (the owner and one expert). */
export function seatTeam(connector: ConnectorStandIn): void {
  connector.members.set(TEAM, [OWNER, EXPERT]);
}

/** A Teams activity in a channel of the team (a message mentioning the bot, or an invoke on a card there). */
export function channelActivity(o: {
  serviceUrl: string;
  channel?: string;
  thread?: string;
  from: { id: string; name: string };
  text?: string;
  invoke?: { verb: string; data: unknown };
  replyToId?: string;
  locale?: string;
}): Record<string, unknown> {
  const channel = o.channel ?? EXPERTS_CHANNEL;
  const mention = `<at>${BOT.name}</at>`;
  const base = {
    id: `${Date.now()}${Math.floor(Math.random() * 1000)}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: o.serviceUrl,
    from: { id: o.from.id, name: o.from.name, aadObjectId: randomUUID() },
    conversation: {
      isGroup: true,
      conversationType: 'channel',
      tenantId: 'tenant-1',
      id: `${channel};messageid=${o.thread ?? '1700000000000'}`,
    },
    recipient: BOT,
    locale: o.locale ?? 'en-US',
    channelData: { teamsChannelId: channel, teamsTeamId: TEAM, channel: { id: channel }, team: { id: TEAM }, tenant: { id: 'tenant-1' } },
    ...(o.replyToId ? { replyToId: o.replyToId } : {}),
  };
  if (o.invoke)
    return {
      ...base,
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: o.invoke.verb, data: o.invoke.data }, trigger: 'manual' },
    };
  return {
    ...base,
    type: 'message',
    text: `${mention} ${o.text ?? ''}`,
    textFormat: 'plain',
    entities: [{ type: 'mention', mentioned: BOT, text: mention }],
  };
}

/** The Adaptive Card of an activity. */
export function cardOf(activity: { attachments?: unknown[] } | undefined): AdaptiveCard {
  const attachment = ((activity?.attachments ?? []) as { contentType?: string; content?: unknown }[]).find((a) => a.contentType === CARD);
  assert.ok(attachment, `a card in ${JSON.stringify(activity).slice(0, 300)}`);
  return attachment.content as AdaptiveCard;
}

/** Every element and action of a card, depth first. */
export function walk(node: unknown): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap(walk);
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  return [...(typeof o.type === 'string' ? [o] : []), ...Object.values(o).flatMap(walk)];
}

/** The card's Action.Execute with this verb. */
export function executeAction(card: AdaptiveCard, verb: string): CardAction & { type: 'Action.Execute' } {
  const action = walk(card.body).find((e) => e.type === 'Action.Execute' && e.verb === verb) as
    | (CardAction & { type: 'Action.Execute' })
    | undefined;
  assert.ok(action, `an Action.Execute "${verb}" in ${JSON.stringify(card).slice(0, 400)}`);
  return action;
}

/** Text of a card's TextBlocks and facts. */
export function cardTexts(card: AdaptiveCard | CardElement[]): string {
  return walk(Array.isArray(card) ? card : card.body)
    .flatMap((e) => {
      if (e.type === 'TextBlock') return [String(e.text)];
      if (e.type === 'FactSet') return (e.facts as { title: string; value: string }[]).map((f) => `${f.title}: ${f.value}`);
      return [];
    })
    .join('\n')
    .replace(/\*\*/g, '')
    .replace(/\\([\\*_[\]])/g, '$1');
}

/** Waits until `what` holds (polls), failing with `message` after `timeoutMs`. */
export async function eventually(what: () => boolean, message: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!what()) {
    if (Date.now() > end) assert.fail(message);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A Teams user in a personal chat with the bot: asks, presses buttons on the bot's cards. */
export class Asker {
  constructor(
    readonly botUrl: () => string,
    readonly connector: ConnectorStandIn,
    readonly serviceUrl: string,
    readonly conversationId: string,
    readonly locale = 'en-US',
    readonly from = 'asker-1',
  ) {}

  /** Asks a question; resolves with the answer's card and the id the connector gave the message. */
  async ask(question: string): Promise<{ card: AdaptiveCard; id: string }> {
    const before = this.connector.recordsIn(this.conversationId).length;
    assert.equal(
      await post(this.botUrl(), {
        ...teamsPersonalMessage(question, {
          serviceUrl: this.serviceUrl,
          conversationId: this.conversationId,
          locale: this.locale,
          from: this.from,
        }),
        from: { id: `29:${this.from}`, name: 'Alex Admin' },
      }),
      200,
    );
    const record = this.connector.recordsIn(this.conversationId)[before];
    assert.ok(record, 'an answer');
    return { card: cardOf(record.activity), id: record.responseId };
  }

  /** Presses an Action.Execute on one of its cards. */
  async press(
    verb: string,
    data: unknown,
    replyToId: string,
  ): Promise<{ status: number; body: { statusCode?: number; type?: string; value?: unknown } }> {
    const invoke = {
      ...teamsInvoke(
        'adaptiveCard/action',
        { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
        { serviceUrl: this.serviceUrl, conversationId: this.conversationId, locale: this.locale, from: this.from, replyToId },
      ),
      from: { id: `29:${this.from}`, name: 'Alex Admin' },
    };
    const res = await postForBody(this.botUrl(), invoke);
    return res as { status: number; body: { statusCode?: number; type?: string; value?: unknown } };
  }

  /** What its conversation received, in order. */
  received(): Recorded[] {
    return this.connector.recordsIn(this.conversationId);
  }
}
