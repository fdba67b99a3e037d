import { randomUUID } from 'node:crypto';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { CompiledQuery, type Kysely } from 'kysely';
import { ETagConflictError } from '../errors';
import type { BotStateTable, DatabaseTables } from './tables';

type StateRow = Pick<BotStateTable, 'key' | 'etag' | 'document'>;

/**
 * botbuilder `Storage` on the project's database, so that dialog and user state survive a restart and
 * follow a conversation from one replica to another.
 *
 * The eTag rules are botbuilder's own (`MemoryStorage`): an item without an eTag, or with `*`, is written
 * unconditionally; any other eTag must equal the stored one or the write throws `ETagConflictError`,
 * except for a key that does not exist yet, which is created; every write stores a new eTag, which
 * `read` returns on the item. Reading a missing key leaves it out; deleting one is not an error.
 *
 * Each item is written by single statements whose outcome the database decides, so two processes cannot
 * both win: a conditional write is `UPDATE … WHERE key = ? AND etag = ?` (PostgreSQL re-checks the
 * condition after waiting for a concurrent writer's row lock; SQLite has one writer at a time), then, if
 * no row matched, `INSERT … ON CONFLICT DO NOTHING` for a new key. Zero rows from both is a conflict.
 * Like botbuilder's storages, a batch is not one transaction: items before a conflicting one stay written.
 *
 * Note that botbuilder's `BotState` (ConversationState, UserState) always writes with eTag `*`: turns of
 * one conversation on two replicas are last-writer-wins, as with every botbuilder storage.
 */
export class DbStorage implements Storage {
  /**
   * The two statements of nearly every turn (botbuilder reads one key, then writes it back with eTag
   * `*`), compiled once in the database's dialect rather than built again per turn.
   */
  private readonly readOne: CompiledQuery;
  private readonly upsert: CompiledQuery;

  constructor(
    private readonly db: Kysely<DatabaseTables>,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.readOne = db.selectFrom('bot_state').select(['key', 'etag', 'document']).where('key', '=', '').compile();
    this.upsert = db
      .insertInto('bot_state')
      .values({ key: '', etag: '', document: '', updated_at: 0 })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          etag: eb.ref('excluded.etag'),
          document: eb.ref('excluded.document'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .compile();
  }

  /** The stored items among `keys`, each with its current eTag; missing keys are left out. */
  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when reading.');
    if (keys.length === 0) return {};
    const unique = [...new Set(keys)];
    const rows =
      unique.length === 1
        ? ((await this.db.executeQuery(CompiledQuery.raw(this.readOne.sql, unique))).rows as StateRow[])
        : await this.db.selectFrom('bot_state').select(['key', 'etag', 'document']).where('key', 'in', unique).execute();
    const items: StoreItems = {};
    for (const row of rows) items[row.key] = { ...(JSON.parse(row.document) as StoreItem), eTag: row.etag };
    return items;
  }

  /** Writes each item, in order; throws `ETagConflictError` at the first stale eTag. */
  async write(changes: StoreItems): Promise<void> {
    if (changes === null || typeof changes !== 'object') throw new ReferenceError('Changes are required when writing.');
    for (const [key, item] of Object.entries(changes)) await this.writeOne(key, item);
  }

  /** Deletes the keys that exist. */
  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when deleting.');
    if (keys.length === 0) return;
    await this.db
      .deleteFrom('bot_state')
      .where('key', 'in', [...new Set(keys)])
      .execute();
  }

  private async writeOne(key: string, item: unknown): Promise<void> {
    if (item === null || typeof item !== 'object') throw new TypeError(`Storage: the item for "${key}" is not an object.`);
    const { eTag, ...document } = item as StoreItem;
    const row = { etag: randomUUID(), document: JSON.stringify(document), updated_at: this.now().getTime() };
    // MemoryStorage's test is `!eTag || eTag === '*'`: an empty string is unconditional too.
    if (!eTag || eTag === '*') {
      await this.db.executeQuery(CompiledQuery.raw(this.upsert.sql, [key, row.etag, row.document, row.updated_at]));
      return;
    }
    const updated = await this.db
      .updateTable('bot_state')
      .set(row)
      .where('key', '=', key)
      .where('etag', '=', String(eTag))
      .executeTakeFirst();
    if (updated.numUpdatedRows === 1n) return;
    const inserted = await this.db
      .insertInto('bot_state')
      .values({ key, ...row })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    if (inserted.numInsertedOrUpdatedRows !== 1n) throw new ETagConflictError(key);
  }
}
