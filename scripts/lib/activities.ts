import { randomUUID } from 'node:crypto';

/** Options shared by the activity factories. */
export interface ActivityOptions {
  serviceUrl: string;
  conversationId?: string;
  locale?: string;
  from?: string;
}

const BOT_ID = '28:lync-compat-bot';
const BOT_NAME = 'Lync Compat';

/** A message as the Bot Framework Emulator / Agents Playground (local mode) sends it. */
export function emulatorMessage(text: string, o: ActivityOptions): Record<string, unknown> {
  return {
    type: 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'emulator',
    serviceUrl: o.serviceUrl,
    from: { id: o.from ?? 'user-1', name: 'Alex', role: 'user' },
    conversation: { id: o.conversationId ?? randomUUID() },
    recipient: { id: 'bot-1', name: 'Bot', role: 'bot' },
    text,
    textFormat: 'plain',
    locale: o.locale ?? 'en-US',
  };
}

/** A message as Teams sends it from a channel, with the bot @mentioned. */
export function teamsChannelMessage(text: string, o: ActivityOptions): Record<string, unknown> {
  const mention = `<at>${BOT_NAME}</at>`;
  // A channel thread's conversation id is the channel's id plus the thread's root message id.
  const thread = `19:${o.conversationId ?? randomUUID()}@thread.tacv2`;
  const root = o.conversationId ? '1700000000000' : `${Date.now()}`;
  return {
    type: 'message',
    id: `${Date.now()}`,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: o.serviceUrl,
    from: { id: `29:${o.from ?? 'user-1'}`, name: 'Alex Admin', aadObjectId: randomUUID() },
    conversation: { isGroup: true, conversationType: 'channel', tenantId: 'tenant-1', id: `${thread};messageid=${root}` },
    recipient: { id: BOT_ID, name: BOT_NAME },
    text: `${mention} ${text}`,
    textFormat: 'plain',
    locale: o.locale ?? 'en-US',
    entities: [
      { type: 'mention', mentioned: { id: BOT_ID, name: BOT_NAME }, text: mention },
      { type: 'clientInfo', locale: o.locale ?? 'en-US', country: 'US', platform: 'Web' },
    ],
    channelData: {
      teamsChannelId: thread,
      teamsTeamId: '19:team@thread.tacv2',
      channel: { id: thread },
      team: { id: '19:team@thread.tacv2' },
      tenant: { id: 'tenant-1' },
    },
  };
}

/** A personal (1:1) Teams message. */
export function teamsPersonalMessage(text: string, o: ActivityOptions): Record<string, unknown> {
  return {
    ...emulatorMessage(text, o),
    channelId: 'msteams',
    from: { id: `29:${o.from ?? 'user-1'}`, name: 'Alex Admin', aadObjectId: randomUUID() },
    conversation: { conversationType: 'personal', tenantId: 'tenant-1', id: o.conversationId ?? `a:${randomUUID()}` },
    recipient: { id: BOT_ID, name: BOT_NAME },
    channelData: { tenant: { id: 'tenant-1' } },
  };
}

/** A message from Slack as Azure Bot Service's Slack channel delivers it (ids are `user:team[:channel]`). */
export function slackMessage(text: string, o: ActivityOptions): Record<string, unknown> {
  return {
    type: 'message',
    id: `${Date.now()}.${Math.floor(Math.random() * 1e6)}`,
    timestamp: new Date().toISOString(),
    channelId: 'slack',
    serviceUrl: o.serviceUrl,
    from: { id: `U0${o.from ?? 'USER1'}:T0TEAM1`, name: 'alex' },
    conversation: { id: o.conversationId ?? `B0BOT1:T0TEAM1:D0${Date.now()}`, isGroup: false },
    recipient: { id: 'B0BOT1:T0TEAM1', name: 'lync-compat' },
    text,
    channelData: { SlackMessage: { event: { type: 'message', text } }, ApiToken: 'not-a-real-token' },
  };
}

/** A conversationUpdate adding members (the bot and/or users). */
export function membersAdded(memberIds: string[], o: ActivityOptions & { channelId?: string }): Record<string, unknown> {
  return {
    type: 'conversationUpdate',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: o.channelId ?? 'emulator',
    serviceUrl: o.serviceUrl,
    from: { id: o.from ?? 'user-1' },
    conversation: { id: o.conversationId ?? randomUUID() },
    recipient: { id: 'bot-1', name: 'Bot' },
    membersAdded: memberIds.map((id) => ({ id })),
    locale: o.locale ?? 'en-US',
  };
}

/** POSTs an activity to the bot; resolves with the HTTP status. */
export async function post(botUrl: string, activity: unknown, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  await res.arrayBuffer();
  return res.status;
}

/** POSTs an activity to the bot; resolves with the HTTP status and the parsed JSON body (an invoke's response). */
export async function postForBody(botUrl: string, activity: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: res.status, body };
}

/** An invoke as Teams sends it in a personal chat (card actions, messaging extensions, feedback). */
export function teamsInvoke(name: string, value: unknown, o: ActivityOptions & { replyToId?: string }): Record<string, unknown> {
  const message = teamsPersonalMessage('', o);
  delete message.text;
  delete message.textFormat;
  return { ...message, type: 'invoke', name, value, ...(o.replyToId ? { replyToId: o.replyToId } : {}) };
}

/** Text a person sees in a card, in reading order: text blocks, runs, facts, table cells, button titles. */
export function cardText(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(cardText);
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  if (typeof o.type === 'string' && o.type.startsWith('Action.')) return typeof o.title === 'string' ? [o.title] : [];
  const own: string[] = [];
  if (typeof o.text === 'string' && o.type !== undefined) own.push(o.text);
  if (typeof o.title === 'string' && typeof o.value === 'string') own.push(`${o.title}: ${o.value}`);
  const children = Object.entries(o)
    .filter(([k]) => !['text', 'fallbackText'].includes(k))
    .map(([, v]) => v);
  return [...own, ...children.flatMap(cardText)];
}

/**
 * What a reply says: its text, or for a card without text its `summary` (the direct answer Teams shows in
 * notifications and the chat list), then the text of its Adaptive Cards.
 */
export function visibleText(activity: { text?: unknown; summary?: unknown; attachments?: unknown }): string {
  const attachments = Array.isArray(activity.attachments) ? (activity.attachments as { contentType?: unknown; content?: unknown }[]) : [];
  const cards = attachments.filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  const text = typeof activity.text === 'string' ? activity.text : typeof activity.summary === 'string' ? activity.summary : '';
  return [text, ...cards.flatMap((c) => cardText(c.content))].filter((t) => t !== '').join('\n');
}
