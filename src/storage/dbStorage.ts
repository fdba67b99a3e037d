import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Kysely } from 'kysely';
import type { Tables } from './tables';

/** Thrown when a write carries an eTag that is no longer the stored one (someone else wrote first). */
export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

/**
 * botbuilder `Storage` on the project's database, so that dialog and user state survive a restart and
 * follow a conversation from one replica to another. The eTag rules are botbuilder's own: a write whose
 * item has no eTag or `*` always wins; any other eTag must match the stored one or the write throws; each
 * write stores a new eTag. Conditional writes are single statements, so two replicas cannot both win.
 */
export class DbStorage implements Storage {
  constructor(private readonly db: Kysely<Tables>, private readonly now: () => number = Date.now) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when reading.');
    if (keys.length === 0) return {};
    const rows = await this.db.selectFrom('bot_state').select(['key', 'etag', 'document']).where('key', 'in', [...new Set(keys)]).execute();
    const items: StoreItems = {};
    for (const row of rows) items[row.key] = { ...(JSON.parse(row.document) as Record<string, unknown>), eTag: row.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    for (const [key, item] of Object.entries(changes)) await this.writeOne(key, item as Record<string, unknown>);
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when deleting.');
    if (keys.length === 0) return;
    await this.db.deleteFrom('bot_state').where('key', 'in', keys).execute();
  }

  private async writeOne(key: string, item: Record<string, unknown>): Promise<void> {
    const { eTag, ...rest } = item;
    const row = { key, etag: randomUUID(), document: JSON.stringify(rest), updated_at: this.now() };
    if (eTag === undefined || eTag === null || eTag === '*' || eTag === '') {
      await this.db.insertInto('bot_state').values(row)
        .onConflict((oc) => oc.column('key').doUpdateSet({ etag: row.etag, document: row.document, updated_at: row.updated_at }))
        .execute();
      return;
    }
    const updated = await this.db.updateTable('bot_state').set({ etag: row.etag, document: row.document, updated_at: row.updated_at })
      .where('key', '=', key).where('etag', '=', String(eTag)).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 1) return;
    // No row with that eTag: a first write of a new key succeeds (as in MemoryStorage), unless another
    // writer created it in between.
    const inserted = await this.db.insertInto('bot_state').values(row).onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) throw new ETagConflictError(key);
  }
}
