import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postForBody } from '../../scripts/lib/activities';
import { ConnectorStandIn } from '../../scripts/lib/connectorStandIn';
import { createApp, type App } from '../../src/app';
import type { AdaptiveCard } from '../../src/cards/adaptiveCard';
import { parseConfig } from '../../src/config';
import { freshPostgresDatabase } from '../helpers/postgres';
import {
  Asker,
  EXPERT,
  EXPERTS_CHANNEL,
  cardOf,
  cardTexts,
  channelActivity,
  eventually,
  executeAction,
  seatTeam,
} from '../helpers/experts';

const DECLINED = 'is lync 2010 supported on Skype for Business Server 2015?';

/** Starts the app on a database; resolves with it and its URL. */
async function startApp(databaseUrl: string): Promise<{ app: App; url: string }> {
  const app = await createApp(
    parseConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: databaseUrl,
      EXPERTS_CONVERSATION_ID: EXPERTS_CHANNEL,
      REMINDER_POLL_MS: '50',
      REMINDER_CONVERSATION_INTERVAL_MS: '0',
      REMINDER_LEASE_MS: '2000',
    }),
  );
  return { app, url: `http://127.0.0.1:${await app.start()}` };
}

/** An expert's action on the ticket card posted as message `id`, sent to the bot at `url`. */
async function act(
  url: string,
  serviceUrl: string,
  ticket: { card: AdaptiveCard; id: string },
  verb: string,
  inputs: Record<string, string> = {},
): Promise<AdaptiveCard> {
  const action = executeAction(ticket.card, verb);
  const res = await postForBody(
    url,
    channelActivity({
      serviceUrl,
      from: EXPERT,
      thread: ticket.id,
      replyToId: ticket.id,
      invoke: { verb, data: { ...action.data, ...inputs } },
    }),
  );
  assert.equal(res.status, 200);
  return (res.body as { value: AdaptiveCard }).value;
}

describe('Ask an expert: durable and replica-safe', function () {
  this.timeout(120_000);
  let connector: ConnectorStandIn;
  let serviceUrl: string;
  const running: App[] = [];
  beforeEach(async () => {
    connector = new ConnectorStandIn();
    serviceUrl = await connector.start();
    seatTeam(connector);
  });
  afterEach(async () => {
    for (const app of running.splice(0)) await app.stop();
    await connector.stop();
  });

  it('a restart between asking and answering loses nothing (SQLite, EXPERTS_CONVERSATION_ID)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lync-experts-'));
    try {
      const dbUrl = `sqlite:${join(dir, 'bot.sqlite')}`;
      let current = await startApp(dbUrl);
      running.push(current.app);
      const alex = new Asker(() => current.url, connector, serviceUrl, 'a:restart');
      const { card, id } = await alex.ask(DECLINED);
      await alex.press('expert/ask', { ...executeAction(card, 'expert/ask').data, expertNote: 'before the restart' }, id);
      await eventually(() => connector.recordsIn(EXPERTS_CHANNEL).length === 1, 'the ticket is posted');
      const posted = connector.recordsIn(EXPERTS_CHANNEL)[0];
      assert.ok(posted);
      const ticket = { card: cardOf(posted.activity), id: posted.responseId };
      const assigned = await act(current.url, serviceUrl, ticket, 'ticket/assign');

      await current.app.stop();
      running.splice(0);
      current = await startApp(dbUrl);
      running.push(current.app);

      const answered = await act(current.url, serviceUrl, { card: assigned, id: ticket.id }, 'ticket/answer', {
        ticketAnswer: 'After the restart: yes.',
      });
      assert.match(cardTexts(answered), /Answered by Eve Expert/);
      assert.match(cardTexts(answered), /before the restart/, 'the note survived');
      assert.equal(connector.updated.at(-1)?.responseId, ticket.id, 'the card posted before the restart is the one updated');
      await eventually(() => alex.received().length === 2, 'the answer reaches the asker after the restart');
      assert.match(cardTexts(cardOf(alex.received()[1]?.activity)), /After the restart: yes\./);
      assert.equal(connector.recordsIn(EXPERTS_CHANNEL).length, 1, 'the ticket was not posted again');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('two replicas on one PostgreSQL post each ticket once and deliver each answer once, even when the action is sent to both', async () => {
    const dbUrl = await freshPostgresDatabase();
    const a = await startApp(dbUrl);
    running.push(a.app);
    const b = await startApp(dbUrl);
    running.push(b.app);
    const askers = Array.from(
      { length: 6 },
      (_, i) => new Asker(() => (i % 2 === 0 ? a.url : b.url), connector, serviceUrl, `a:replica-${i}`, 'en-US', `replica-asker-${i}`),
    );
    for (const [i, asker] of askers.entries()) {
      const { card, id } = await asker.ask(`${DECLINED} (site ${i})`);
      await asker.press('expert/ask', executeAction(card, 'expert/ask').data, id);
    }
    await eventually(() => connector.recordsIn(EXPERTS_CHANNEL).length === 6, 'six tickets posted', 20_000);
    const posted = connector.recordsIn(EXPERTS_CHANNEL);
    // Each expert action is sent to both replicas at once: only one may change the ticket.
    await Promise.all(
      posted.map(async (p) => {
        const ticket = { card: cardOf(p.activity), id: p.responseId };
        const action = executeAction(ticket.card, 'ticket/answer');
        const send = (url: string) =>
          postForBody(
            url,
            channelActivity({
              serviceUrl,
              from: EXPERT,
              thread: ticket.id,
              replyToId: ticket.id,
              invoke: { verb: 'ticket/answer', data: { ...action.data, ticketAnswer: 'Once.' } },
            }),
          );
        const [ra, rb] = await Promise.all([send(a.url), send(b.url)]);
        const texts = [ra, rb].map((r) => cardTexts((r.body as { value: AdaptiveCard }).value));
        assert.equal(texts.filter((t) => /already answered or closed|changed in the meantime/.test(t)).length, 1, texts.join('\n---\n'));
      }),
    );
    await eventually(() => askers.every((x) => x.received().length === 2), 'every asker gets the answer', 20_000);
    await new Promise((r) => setTimeout(r, 2500)); // a lease: room for a duplicate to show up
    assert.deepEqual(
      askers.map((x) => x.received().length),
      [2, 2, 2, 2, 2, 2],
      'each answer delivered once',
    );
    assert.equal(connector.recordsIn(EXPERTS_CHANNEL).length, 6, 'each ticket posted once');
    assert.deepEqual(await a.app.experts.store.sendCounts(), { 'answer:sent': 6, 'post:sent': 6 });
  });
});
