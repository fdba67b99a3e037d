import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An activity the bot sent, as the connector received it. */
export interface Recorded {
  conversationId: string;
  /** The activity replied to, when the bot used the reply route. */
  replyToId?: string;
  /** When it arrived (epoch ms). */
  at: number;
  /** The id the stand-in gave the activity (the bot's `ResourceResponse.id`, a later `replyToId`). */
  responseId: string;
  activity: Record<string, unknown> & { type?: string; text?: string; locale?: string; attachments?: unknown[] };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * A local stand-in for the Bot Framework connector service: the bot's replies (POSTed to
 * `{serviceUrl}/v3/conversations/{id}/activities[/{replyToId}]`) are recorded for tests, the evaluation
 * and benchmarks. It speaks just enough of the connector protocol for CloudAdapter.
 */
/** A member of a team or conversation, as the connector's members API returns it. */
export interface StandInMember {
  id: string;
  name: string;
  aadObjectId?: string;
  /** `owner` for a team owner, `user` otherwise (Teams' `userRole`). */
  userRole?: 'owner' | 'user' | 'guest';
}

export class ConnectorStandIn {
  readonly received: Recorded[] = [];
  /** Activities the bot updated in place (`PUT …/activities/{id}`), in order. */
  readonly updated: Recorded[] = [];
  /**
   * Members by conversation id (a team's id, or a chat's): answered on `GET /v3/conversations/{id}/members/{userId}`
   * as a Bot Connector does, 404 `MemberNotFoundInConversation` for anyone else.
   */
  readonly members = new Map<string, StandInMember[]>();
  private server?: Server;
  private waiters: { conversationId: string; count: number; resolve: () => void }[] = [];
  private nextId = 1;
  /** Set to make the connector answer with an error status (to test failures). */
  failWith?: number;
  /** When false, activities are counted but not kept (benchmarks). */
  keep = true;
  count = 0;
  /** Delay before answering each request (ms), to hold the bot's turns in flight. */
  delayMs = 0;
  /** Requests received and not yet answered. */
  pending = 0;

  async start(): Promise<string> {
    this.server = createServer(async (req, res) => {
      const body = await readBody(req);
      if (this.delayMs > 0) {
        this.pending++;
        await new Promise((r) => setTimeout(r, this.delayMs));
        this.pending--;
      }
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
      if (this.failWith) {
        // No chaining: restify, when loaded in the same process, patches writeHead to return nothing.
        res.writeHead(this.failWith, { 'content-type': 'application/json' });
        res.end('{"error":{"code":"Failure"}}');
        return;
      }
      const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/?]+)/.exec(req.url ?? '');
      if (req.method === 'GET' && member) {
        const found = this.members
          .get(decodeURIComponent(member[1] as string))
          ?.find((m) => m.id === decodeURIComponent(member[2] as string));
        res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            found ?? { error: { code: 'MemberNotFoundInConversation', message: 'The member was not found in the conversation.' } },
          ),
        );
        return;
      }
      if (req.method === 'PUT' && match?.[2]) {
        let activity: Recorded['activity'] = {};
        try {
          activity = JSON.parse(body) as Recorded['activity'];
        } catch {
          /* recorded as empty */
        }
        const id = decodeURIComponent(match[2]);
        this.updated.push({
          conversationId: decodeURIComponent(match[1] as string),
          at: Date.now(),
          responseId: id,
          replyToId: id,
          activity,
        });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id }));
        return;
      }
      const responseId = `reply-${this.nextId++}`;
      if (req.method === 'POST' && match) {
        const conversationId = decodeURIComponent(match[1] as string);
        this.count++;
        if (this.keep) {
          let activity: Recorded['activity'] = {};
          try {
            activity = JSON.parse(body) as Recorded['activity'];
          } catch {
            /* recorded as empty */
          }
          this.received.push({
            conversationId,
            at: Date.now(),
            responseId,
            ...(match[2] ? { replyToId: decodeURIComponent(match[2]) } : {}),
            activity,
          });
        }
        this.notify();
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: responseId }));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** What one conversation received, in order, with the ids the stand-in gave each activity. */
  recordsIn(conversationId: string): Recorded[] {
    return this.received.filter((r) => r.conversationId === conversationId);
  }

  /** Activities sent to one conversation, in order. */
  inConversation(conversationId: string): Recorded['activity'][] {
    return this.received.filter((r) => r.conversationId === conversationId).map((r) => r.activity);
  }

  /** Resolves once a conversation has received `count` activities (or rejects after `timeoutMs`). */
  waitFor(conversationId: string, count: number, timeoutMs = 5000): Promise<void> {
    if (this.inConversation(conversationId).length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${count} activities in ${conversationId}`)), timeoutMs);
      this.waiters.push({
        conversationId,
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  private notify(): void {
    this.waiters = this.waiters.filter((w) => {
      if (this.inConversation(w.conversationId).length >= w.count) {
        w.resolve();
        return false;
      }
      return true;
    });
  }

  clear(): void {
    this.received.length = 0;
    this.updated.length = 0;
    this.count = 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
