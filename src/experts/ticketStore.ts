import { randomUUID } from 'node:crypto';
import type { ConversationReference } from 'botbuilder';
import type { Kysely, Transaction } from 'kysely';
import type { DialectName } from '../storage/database';
import { LeasedSends } from '../storage/leasedSends';
import { clipQuestion, questionKey } from '../storage/questionKey';
import type {
  DatabaseTables,
  ExpertChannelTable,
  ExpertSendKind,
  ExpertSendTable,
  ExpertTicketTable,
  TicketStatus,
} from '../storage/tables';

export type Ticket = ExpertTicketTable;
export type ExpertSend = ExpertSendTable;
export type ExpertChannel = ExpertChannelTable;

type Db = Kysely<DatabaseTables>;

/** What an asker hands over. */
export interface NewTicket {
  channelId: string;
  lang: string;
  question: string;
  note?: string;
  botAnswer?: string;
  askerId: string;
  askerName: string;
  askerConversationKey: string;
  askerReference: Partial<ConversationReference>;
  expertsConversationId: string;
  expertsReference: Partial<ConversationReference>;
  expertsLang: string;
}

/** An expert's action on a ticket, checked against the ticket's current state and version. */
export type TicketChange =
  | { verb: 'assign'; expertId: string; expertName: string }
  | { verb: 'answer'; expertId: string; expertName: string; answer: string }
  | { verb: 'close'; expertId: string; expertName: string; reason: string };

/** Why an action changed nothing. */
export type ChangeRefusal = 'unknown-ticket' | 'stale' | 'finished';

/** An answered ticket, for `npm run kb:unanswered`. */
export interface AnsweredTicket {
  question: string;
  answer: string;
  answeredBy: string;
  lang: string;
  answeredAt: Date;
  /** How often the same question (folded) was asked: tickets and unanswered questions together. */
  asked: number;
}

/** The experts' channel key in `expert_channel`: one at a time. */
const CHANNEL_KEY = 'experts';

/** A send's target conversation key, as the reminders name them. */
function keyOf(reference: Partial<ConversationReference>): string {
  return `${reference.channelId ?? ''}:${reference.conversation?.id ?? ''}`;
}

/**
 * Tickets, the experts' channel and the sends tickets cause, on SQLite or PostgreSQL. Every change of a
 * ticket is one conditional UPDATE on its id, expected status and version, in a transaction with the send
 * it causes (unique per ticket and kind): two replicas, or a replayed action, cannot change a ticket twice
 * nor queue a second delivery. Sends are claimed with leases like reminder sends (`SendQueue`).
 */
export class TicketStore {
  private readonly sends: LeasedSends<ExpertSend>;

  constructor(
    private readonly db: Db,
    dialect: DialectName,
  ) {
    this.sends = new LeasedSends<ExpertSend>(db as never, dialect, 'expert_sends', (r) => r);
  }

  /** The experts' channel set in chat, if any. */
  async channel(): Promise<ExpertChannel | undefined> {
    return this.db.selectFrom('expert_channel').selectAll().where('key', '=', CHANNEL_KEY).executeTakeFirst();
  }

  /** Makes a channel the experts' one; returns the one it replaces (if another). */
  async setChannel(
    input: { conversationId: string; reference: Partial<ConversationReference>; lang: string; setBy: string },
    now: number,
  ): Promise<ExpertChannel | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const previous = await trx.selectFrom('expert_channel').selectAll().where('key', '=', CHANNEL_KEY).executeTakeFirst();
      const row: ExpertChannel = {
        key: CHANNEL_KEY,
        conversation_id: input.conversationId,
        reference: JSON.stringify(input.reference),
        lang: input.lang,
        set_by: input.setBy,
        set_at: now,
      };
      await trx
        .insertInto('expert_channel')
        .values(row)
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            conversation_id: row.conversation_id,
            reference: row.reference,
            lang: row.lang,
            set_by: row.set_by,
            set_at: now,
          }),
        )
        .execute();
      return previous;
    });
  }

  /** Creates a ticket and queues its post in the experts' channel, in one transaction. */
  async create(input: NewTicket, now: number): Promise<Ticket> {
    const question = clipQuestion(input.question);
    const ticket: Ticket = {
      id: randomUUID(),
      created_at: now,
      updated_at: now,
      status: 'open',
      version: 1,
      channel_id: input.channelId,
      lang: input.lang,
      question,
      question_key: questionKey(question),
      note: input.note ?? null,
      bot_answer: input.botAnswer ?? null,
      asker_id: input.askerId,
      asker_name: input.askerName,
      asker_conversation_key: input.askerConversationKey,
      asker_reference: JSON.stringify(input.askerReference),
      experts_conversation_id: input.expertsConversationId,
      experts_reference: JSON.stringify(input.expertsReference),
      experts_lang: input.expertsLang,
      ticket_message_id: null,
      assigned_to_id: null,
      assigned_to_name: null,
      answered_by_name: null,
      answer: null,
      closed_by_name: null,
      close_reason: null,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('expert_tickets').values(ticket).execute();
      await this.queue(trx, ticket.id, 'post', keyOf(input.expertsReference), now);
    });
    return ticket;
  }

  /** Whether this conversation already has this question (folded) with the experts, still open. */
  async openTicketFor(askerConversationKey: string, question: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('expert_tickets')
      .select('id')
      .where('asker_conversation_key', '=', askerConversationKey)
      .where('question_key', '=', questionKey(clipQuestion(question)))
      .where('status', 'in', ['open', 'assigned'])
      .executeTakeFirst();
    return row !== undefined;
  }

  async ticket(id: string): Promise<Ticket | undefined> {
    return this.db.selectFrom('expert_tickets').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Records the ticket card's message id in the experts' channel once it is posted. */
  async setTicketMessage(id: string, messageId: string): Promise<void> {
    await this.db.updateTable('expert_tickets').set({ ticket_message_id: messageId }).where('id', '=', id).execute();
  }

  /**
   * Applies an expert's action if the ticket is still at `version` and in a state that allows it: assign
   * (open or assigned), answer and close (open or assigned; they queue the delivery to the asker).
   * Returns the changed ticket, or why nothing changed.
   */
  async change(
    id: string,
    version: number,
    change: TicketChange,
    now: number,
  ): Promise<{ ticket: Ticket } | { refused: ChangeRefusal; ticket?: Ticket }> {
    return this.db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('expert_tickets').selectAll().where('id', '=', id).executeTakeFirst();
      if (!current) return { refused: 'unknown-ticket' as const };
      if (current.status === 'answered' || current.status === 'closed') return { refused: 'finished' as const, ticket: current };
      if (current.version !== version) return { refused: 'stale' as const, ticket: current };
      const open: TicketStatus[] = ['open', 'assigned'];
      const set: Partial<Ticket> = { updated_at: now, version: version + 1 };
      if (change.verb === 'assign')
        Object.assign(set, { status: 'assigned', assigned_to_id: change.expertId, assigned_to_name: change.expertName });
      if (change.verb === 'answer') Object.assign(set, { status: 'answered', answered_by_name: change.expertName, answer: change.answer });
      if (change.verb === 'close') Object.assign(set, { status: 'closed', closed_by_name: change.expertName, close_reason: change.reason });
      // The condition is checked again by the UPDATE itself: of two replicas racing, one changes the row.
      const result = await trx
        .updateTable('expert_tickets')
        .set(set)
        .where('id', '=', id)
        .where('version', '=', version)
        .where('status', 'in', open)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) {
        const now2 = await trx.selectFrom('expert_tickets').selectAll().where('id', '=', id).executeTakeFirst();
        return { refused: 'stale' as const, ...(now2 ? { ticket: now2 } : {}) };
      }
      if (change.verb !== 'assign')
        await this.queue(trx, id, change.verb === 'answer' ? 'answer' : 'closed', current.asker_conversation_key, now);
      return { ticket: { ...current, ...set } as Ticket };
    });
  }

  private async queue(
    trx: Transaction<DatabaseTables>,
    ticketId: string,
    kind: ExpertSendKind,
    conversationKey: string,
    now: number,
  ): Promise<void> {
    await trx
      .insertInto('expert_sends')
      .values({
        id: randomUUID(),
        ticket_id: ticketId,
        kind,
        conversation_key: conversationKey,
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        lease_owner: null,
        lease_until: null,
        sent_at: null,
        last_error: null,
      })
      .onConflict((oc) => oc.columns(['ticket_id', 'kind']).doNothing())
      .execute();
  }

  /** Sends due and not yet delivered (for /metrics). */
  dueCount(now: number): Promise<number> {
    return this.sends.dueCount(now);
  }

  /** Claims due sends with a lease (see `LeasedSends`). */
  claimDue(owner: string, now: number, limit: number, leaseMs: number): Promise<ExpertSend[]> {
    return this.sends.claimDue(owner, now, limit, leaseMs);
  }

  /** A post goes to the experts' channel in its language, an answer or closure to the asker in theirs. */
  async deliveryContext(send: ExpertSend): Promise<{ reference: Partial<ConversationReference>; lang: string } | undefined> {
    const t = await this.ticket(send.ticket_id);
    if (!t) return undefined;
    return send.kind === 'post'
      ? { reference: JSON.parse(t.experts_reference) as Partial<ConversationReference>, lang: t.experts_lang }
      : { reference: JSON.parse(t.asker_reference) as Partial<ConversationReference>, lang: t.lang };
  }

  markSent(id: string, owner: string, now: number): Promise<boolean> {
    return this.sends.markSent(id, owner, now);
  }

  markRetry(id: string, owner: string, nextAttemptAt: number, error: string): Promise<void> {
    return this.sends.markRetry(id, owner, nextAttemptAt, error);
  }

  markFailed(id: string, owner: string, error: string): Promise<void> {
    return this.sends.markFailed(id, owner, error);
  }

  /** The bot was removed from the conversation (403/404): its pending sends are given up. */
  async deactivateConversation(conversationKey: string, reason: string): Promise<void> {
    await this.db
      .updateTable('expert_sends')
      .set({ status: 'failed', last_error: reason, lease_owner: null, lease_until: null })
      .where('conversation_key', '=', conversationKey)
      .where('status', 'in', ['pending', 'sending'])
      .execute();
  }

  /** Counts of sends by kind and status, e.g. `answer:sent` (tests, logs). */
  async sendCounts(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('expert_sends')
      .select(['kind', 'status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['kind', 'status'])
      .execute();
    return Object.fromEntries(rows.map((r) => [`${r.kind}:${r.status}`, Number(r.n)]));
  }

  /** Answered tickets, newest first, each with how often its question was asked (tickets and unanswered log). */
  async answered(options: { since?: Date; limit?: number } = {}): Promise<AnsweredTicket[]> {
    let q = this.db
      .selectFrom('expert_tickets as t')
      .select([
        't.question',
        't.answer',
        't.answered_by_name',
        't.lang',
        't.updated_at',
        't.question_key',
        (eb) =>
          eb
            .selectFrom('expert_tickets as s')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('s.question_key', '=', 't.question_key')
            .as('tickets'),
        (eb) =>
          eb
            .selectFrom('unanswered as u')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('u.question_key', '=', 't.question_key')
            .as('unanswered'),
      ])
      .where('t.status', '=', 'answered')
      .orderBy('t.updated_at', 'desc');
    if (options.since) q = q.where('t.updated_at', '>=', options.since.getTime());
    if (options.limit) q = q.limit(options.limit);
    const rows = await q.execute();
    return rows.map((r) => ({
      question: r.question,
      answer: r.answer ?? '',
      answeredBy: r.answered_by_name ?? '',
      lang: r.lang,
      answeredAt: new Date(Number(r.updated_at)),
      // A declined question is in the unanswered log once and its ticket once: count the larger, not both.
      asked: Math.max(Number(r.tickets ?? 0), Number(r.unanswered ?? 0)),
    }));
  }
}
