import { sql, type Kysely } from 'kysely';
import type { DialectName } from './database';
import type { LeasedSendColumns } from './tables';

/** The columns every table of proactive sends has (tables.ts's `LeasedSendColumns`). */
export type LeasedSendRow = LeasedSendColumns;

/**
 * The lease protocol of a table of proactive sends, shared by reminders and expert deliveries: due sends
 * are claimed with a lease (a crashed holder's lease expires and another replica takes the send), and
 * only the holder of a lease may mark its send sent, due again or failed. One place, so that both queues
 * keep the same guarantees (PostgreSQL's `skip locked` lets two replicas claim different sends).
 */
export class LeasedSends<Row extends LeasedSendRow> {
  constructor(
    private readonly db: Kysely<unknown>,
    private readonly dialect: DialectName,
    private readonly table: 'reminder_sends' | 'expert_sends',
    /** Turns a row's numeric columns (strings from PostgreSQL's bigint) into numbers. */
    private readonly numbers: (row: Row) => Row,
  ) {}

  /**
   * Claims up to `limit` due sends for `owner` until `now + leaseMs`: pending sends whose time has come,
   * and sends whose holder's lease expired (a crashed replica). One statement; on PostgreSQL the rows are
   * locked `FOR UPDATE SKIP LOCKED`, so replicas claiming together never get the same send.
   */
  async claimDue(owner: string, now: number, limit: number, leaseMs: number): Promise<Row[]> {
    const t = sql.table(this.table);
    const lock = this.dialect === 'postgres' ? sql` for update skip locked` : sql``;
    const result = await sql<Row>`
      update ${t} set status = 'sending', lease_owner = ${owner}, lease_until = ${now + leaseMs}
      where id in (
        select id from ${t}
        where (status = 'pending' and next_attempt_at <= ${now}) or (status = 'sending' and lease_until < ${now})
        order by next_attempt_at limit ${limit}${lock}
      )
      returning *`.execute(this.db);
    return result.rows.map((r) =>
      this.numbers({
        ...r,
        next_attempt_at: Number(r.next_attempt_at),
        lease_until: r.lease_until === null ? null : Number(r.lease_until),
      }),
    );
  }

  /** Sends due by `now` and not yet delivered (pending, or being sent): the queue's depth. */
  async dueCount(now: number): Promise<number> {
    const result = await sql<{ n: number | string }>`
      select count(*) as n from ${sql.table(this.table)} where status in ('pending', 'sending') and next_attempt_at <= ${now}`.execute(
      this.db,
    );
    return Number(result.rows[0]?.n ?? 0);
  }

  /** Records a send as delivered (only by the holder of its lease, which stays recorded as the sender). */
  async markSent(id: string, owner: string, now: number): Promise<boolean> {
    const r = await sql`update ${sql.table(this.table)} set status = 'sent', sent_at = ${now}, lease_until = null
      where id = ${id} and lease_owner = ${owner} and status = 'sending'`.execute(this.db);
    return Number(r.numAffectedRows ?? 0) === 1;
  }

  /** Puts a send back to wait until `nextAttemptAt` after a failed attempt. */
  async markRetry(id: string, owner: string, nextAttemptAt: number, error: string): Promise<void> {
    await sql`update ${sql.table(this.table)} set status = 'pending', attempts = attempts + 1, next_attempt_at = ${nextAttemptAt},
      lease_owner = null, lease_until = null, last_error = ${error} where id = ${id} and lease_owner = ${owner}`.execute(this.db);
  }

  /** Gives a send up after its last attempt. */
  async markFailed(id: string, owner: string, error: string): Promise<void> {
    await sql`update ${sql.table(this.table)} set status = 'failed', attempts = attempts + 1, lease_owner = null, lease_until = null,
      last_error = ${error} where id = ${id} and lease_owner = ${owner}`.execute(this.db);
  }
}
