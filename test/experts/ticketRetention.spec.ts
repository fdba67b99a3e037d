import { strict as assert } from 'node:assert';
import pino from 'pino';
import { parseConfig } from '../../src/config';
import { ConfigInvalidError } from '../../src/errors';
import { TicketStore } from '../../src/experts/ticketStore';
import { openDatabase } from '../../src/storage/database';
import { RetentionJob } from '../../src/storage/retention';

const DAY = 86_400_000;

describe('expert tickets: retention and settings', () => {
  it('deletes a ticket (question, note, answer) and its sends EXPERT_TICKET_RETENTION_DAYS after its last change, keeps newer ones', async () => {
    const database = await openDatabase('sqlite::memory:');
    try {
      const store = new TicketStore(database.db, database.dialect);
      const ref = {
        channelId: 'msteams',
        serviceUrl: 'http://127.0.0.1:1/',
        conversation: { id: 'a:1', isGroup: false, conversationType: 'personal', name: '' },
      };
      const now = Date.now();
      const ticket = (question: string, at: number) =>
        store.create(
          {
            channelId: 'msteams',
            lang: 'en',
            question,
            note: 'private note',
            askerId: '29:a',
            askerName: 'Alex',
            askerConversationKey: 'msteams:a:1',
            askerReference: ref,
            expertsConversationId: '19:x@thread.tacv2',
            expertsReference: ref,
            expertsLang: 'en',
          },
          at,
        );
      const old = await ticket('old question', now - 40 * DAY);
      const recent = await ticket('recent question', now - 10 * DAY);
      assert.equal(await store.dueCount(now), 2, "each ticket's post is due (the queue depth /metrics reports)");
      assert.equal(await store.dueCount(now - 20 * DAY), 1, 'not the one queued later');
      const job = new RetentionJob(database.db, pino({ level: 'silent' }), { days: 90, ticketDays: 30 });
      const result = await job.runOnce();
      assert.equal(result.tickets, 1);
      assert.equal(await store.ticket(old.id), undefined);
      assert.ok(await store.ticket(recent.id));
      const sends = await database.db.selectFrom('expert_sends').select('ticket_id').execute();
      assert.deepEqual(
        sends.map((s) => s.ticket_id),
        [recent.id],
        "the old ticket's send went with it",
      );
    } finally {
      await database.close();
    }
  });

  it('validates EXPERTS_CONVERSATION_ID and EXPERT_TICKET_RETENTION_DAYS, naming the variable', () => {
    assert.equal(parseConfig({ EXPERTS_CONVERSATION_ID: '19:abc@thread.tacv2' }).EXPERTS_CONVERSATION_ID, '19:abc@thread.tacv2');
    assert.equal(parseConfig({ EXPERTS_CONVERSATION_ID: '' }).EXPERTS_CONVERSATION_ID, undefined);
    assert.equal(parseConfig({}).EXPERT_TICKET_RETENTION_DAYS, 90);
    assert.throws(
      () => parseConfig({ EXPERTS_CONVERSATION_ID: '19:abc@thread.tacv2;messageid=1' }),
      (e: unknown) => e instanceof ConfigInvalidError && /EXPERTS_CONVERSATION_ID/.test(e.message),
    );
    assert.throws(
      () => parseConfig({ EXPERT_TICKET_RETENTION_DAYS: '0' }),
      (e: unknown) => e instanceof ConfigInvalidError && /EXPERT_TICKET_RETENTION_DAYS/.test(e.message),
    );
  });
});
