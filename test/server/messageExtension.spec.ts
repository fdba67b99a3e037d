import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { postForBody, teamsInvoke } from '../../scripts/lib/activities';
import { MAX_RESULT_CARD_BYTES, SEARCH_COMMAND_ID } from '../../src/bot/messageExtension';
import type { AdaptiveCard } from '../../src/cards/adaptiveCard';
import { MAX_RESULTS } from '../../src/search/supportSearch';
import { nodes, texts } from '../helpers/cards';
import { realKnowledge } from '../helpers/knowledge';
import { startBot, type RunningBot } from '../helpers/server';

const CARD = 'application/vnd.microsoft.card.adaptive';

interface Attachment {
  contentType: string;
  content: AdaptiveCard;
  preview?: { contentType: string; content: { title: string; text: string } };
}
interface ComposeResponse {
  composeExtension: { type: 'result' | 'message'; attachmentLayout?: string; attachments?: Attachment[]; text?: string };
}

describe('the search message extension over HTTP (composeExtension/query, selectItem)', () => {
  const kb = realKnowledge();
  let bot: RunningBot;
  before(async () => {
    bot = await startBot();
  });
  after(async () => bot.stop());

  const query = async (value: unknown, locale = 'en-US', name = 'composeExtension/query') => {
    const started = Date.now();
    const { status, body } = await postForBody(
      bot.botUrl,
      teamsInvoke(name, value, { serviceUrl: bot.serviceUrl, conversationId: '19:compose@thread.v2', locale }),
    );
    return { status, body: body as ComposeResponse, ms: Date.now() - started };
  };
  const search = (text: string, locale?: string) =>
    query({ commandId: SEARCH_COMMAND_ID, parameters: [{ name: 'product', value: text }], queryOptions: { skip: 0, count: 25 } }, locale);

  /** Every result is a support card without buttons that talk to the bot, under 28 KB, with a preview. */
  function assertResults(body: ComposeResponse): Attachment[] {
    assert.equal(body.composeExtension.type, 'result');
    assert.equal(body.composeExtension.attachmentLayout, 'list');
    const attachments = body.composeExtension.attachments ?? [];
    assert.ok(attachments.length > 0 && attachments.length <= MAX_RESULTS, `${attachments.length} results`);
    for (const a of attachments) {
      assert.equal(a.contentType, CARD);
      assert.equal(a.content.version, '1.5');
      assert.ok(Buffer.byteLength(JSON.stringify(a)) < MAX_RESULT_CARD_BYTES, 'under 28 KB');
      assert.equal(a.preview?.contentType, 'application/vnd.microsoft.card.thumbnail');
      assert.ok(a.preview?.content.title && a.preview.content.text, 'a preview with a title and a line');
      const actions = nodes(a.content.body).filter((n) => n.type.startsWith('Action.') && n.type !== 'Action.OpenUrl');
      assert.deepEqual(actions, [], 'no button that talks to the bot (it may not be in the conversation)');
      assert.ok(
        texts(a.content).some((t) => t.startsWith('Source')),
        'names its source',
      );
    }
    return attachments;
  }

  it('finds a client: its row and each server, the status first, in under 5 s', async () => {
    const { status, body, ms } = await search('lync 2010');
    assert.equal(status, 200);
    assert.ok(ms < 5000, `${ms} ms`);
    const results = assertResults(body);
    const ls2013 = kb.server('ls2013')?.shortName ?? 'Lync Server 2013';
    const cell = results.find((r) => r.preview?.content.title === `Lync 2010 · ${ls2013}`);
    assert.ok(cell, results.map((r) => r.preview?.content.title).join(', '));
    assert.match(cell.preview?.content.text ?? '', /^Yes\. Lync 2010 is supported on Lync Server 2013\./);
    assert.ok(
      texts(cell.content).some((t) => t.includes('Lync 2010 is supported on Lync Server 2013')),
      'the card says it',
    );
  });

  it('puts the pair first for "client on server", and tolerates typos like the chat', async () => {
    const { body } = await search('lync 2010 on ocs 2007 r2');
    assert.match(
      assertResults(body)[0]?.preview?.content.text ?? '',
      /^No\. Lync 2010 is not supported on Office Communications Server 2007 R2\./,
    );
    // A server named only by a word of its names ("ocs"), as typed in a compose box.
    const short = assertResults((await search('lync 2010 on ocs')).body);
    assert.match(short[0]?.preview?.content.text ?? '', /^No\. Lync 2010 is not supported on Office Communications Server 2007 R2\./);
    const typo = assertResults((await search('yahooo')).body);
    assert.equal(typo[0]?.preview?.content.title, 'Yahoo!');
    assert.match(typo[0]?.preview?.content.text ?? '', /30 June 2014/);
  });

  it('finds a name typed half-way, a server across the clients, and answers in French for a French locale', async () => {
    assert.ok(assertResults((await search('commun')).body).some((r) => /Communicator/.test(r.preview?.content.title ?? '')));
    const fr = assertResults((await search('lync server 2013', 'fr-FR')).body);
    assert.equal(fr[0]?.content.lang, 'fr');
    assert.ok(fr.length >= kb.clients.length, 'the server, then each client on it');
    assert.match(fr.find((r) => r.preview?.content.title === 'Lync 2010 · Lync Server 2013')?.preview?.content.text ?? '', /^Oui\./);
  });

  it('initialRun: every server and provider before anything is typed', async () => {
    const { body } = await query({ commandId: SEARCH_COMMAND_ID, parameters: [{ name: 'initialRun', value: 'true' }] });
    const titles = assertResults(body).map((r) => r.preview?.content.title);
    assert.deepEqual(titles, [...kb.servers.map((s) => s.name), ...kb.providers.map((p) => p.name)]);
  });

  it('unknown and empty queries get an empty result with a message, never an error', async () => {
    for (const [text, expected] of [
      ['zoom phone', kb.message('search_no_match', 'en', { query: 'zoom phone' })],
      ['   ', kb.message('search_empty', 'en')],
    ] as const) {
      const { status, body } = await search(text);
      assert.equal(status, 200);
      assert.deepEqual(body, { composeExtension: { type: 'message', text: expected } });
    }
    const fr = await search('zzzz', 'fr-FR');
    assert.equal(fr.body.composeExtension.text, kb.message('search_no_match', 'fr', { query: 'zzzz' }));
    // The Agents Playground leaves out the command id and the parameter's name.
    assert.ok(assertResults((await query({ parameters: [{ value: 'aol' }] })).body).length > 0);
  });

  it('malformed queries get 400 naming the problem', async () => {
    for (const [value, error] of [
      [undefined, /^not a search query/],
      [{ parameters: 'lync' }, /^not a search query: parameters/],
      [{ commandId: 'deleteEverything', parameters: [{ name: 'product', value: 'lync' }] }, /^unknown command "deleteEverything"/],
    ] as const) {
      const { status, body } = await query(value);
      assert.equal(status, 400, JSON.stringify(value));
      assert.match((body as unknown as { error: string }).error, error);
    }
  });

  it('composeExtension/selectItem returns the card of a result, and 400 for one it never gave', async () => {
    const { status, body } = await query({ ref: 'cell:lync2010:ls2013', lang: 'fr' }, 'en-US', 'composeExtension/selectItem');
    assert.equal(status, 200);
    const [card] = assertResults(body);
    assert.ok(texts(card?.content).some((t) => t.includes('Lync 2010 est pris en charge sur Lync Server 2013')));
    assert.equal((await query({ ref: 'drop:table' }, 'en-US', 'composeExtension/selectItem')).status, 400);
    const gone = await query({ ref: 'row:no-such-client' }, 'en-US', 'composeExtension/selectItem');
    assert.equal(gone.body.composeExtension.type, 'message');
  });

  it('is declared in the manifest: a bot-backed search command with initialRun, semanticDescription and samplePrompts', () => {
    const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../manifest/manifest.json'), 'utf8')) as {
      composeExtensions: {
        botId: string;
        commands: {
          id: string;
          type: string;
          initialRun: boolean;
          semanticDescription: string;
          samplePrompts: { text: string }[];
          parameters: { name: string; semanticDescription: string }[];
        }[];
      }[];
    };
    const [extension] = manifest.composeExtensions;
    assert.equal(extension?.botId, '${{BOT_ID}}');
    const [command] = extension?.commands ?? [];
    assert.deepEqual([command?.id, command?.type, command?.initialRun], [SEARCH_COMMAND_ID, 'query', true]);
    assert.ok((command?.semanticDescription.length ?? 0) > 100);
    assert.ok((command?.samplePrompts.length ?? 0) >= 3);
    assert.ok(command?.parameters[0]?.semanticDescription);
  });
});
