import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CARD_WIDTHS, openCardBrowser, type CardBrowser, type CardRenderResult } from '../../scripts/lib/cardBrowser';
import { cardSamples } from '../../scripts/lib/cardSamples';

/** A 1.5 card with the parts the builders use, that the harness must pass without a warning. */
function validCard(body: Record<string, unknown>[] = [], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    lang: 'en',
    msteams: { width: 'Full' },
    body: [
      { type: 'TextBlock', text: 'Is **Lync 2010** supported?', wrap: true, color: 'Good' },
      {
        type: 'Table',
        firstRowAsHeader: true,
        columns: [{ width: 1 }, { width: 1 }],
        rows: [
          {
            type: 'TableRow',
            cells: [
              { type: 'TableCell', items: [{ type: 'TextBlock', text: 'Client' }] },
              { type: 'TableCell', items: [{ type: 'TextBlock', text: 'Status' }] },
            ],
          },
        ],
      },
      ...body,
    ],
    ...extra,
  };
}

function describeWarnings(result: CardRenderResult): string {
  return `${result.name}: ${result.warnings.length} warning(s)\n  ${result.warnings.join('\n  ')}`;
}

/** Fails with the warnings themselves, one a line (a deepEqual diff would print them twice). */
function assertNoWarnings(result: CardRenderResult): void {
  if (result.warnings.length) assert.fail(describeWarnings(result));
}

describe('cards in a headless browser (adaptivecards renderer, Teams host config, schema 1.5)', function () {
  // Chromium starts in about a second here; a cold CI machine gets some slack.
  this.timeout(60_000);
  let browser: CardBrowser;
  const renderOne = async (card: Record<string, unknown>, name = 'card'): Promise<CardRenderResult> => {
    const [result] = await browser.render([{ name, card }]);
    assert.ok(result);
    return result;
  };

  before(async () => {
    browser = await openCardBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  describe('every sample card', () => {
    const samples = cardSamples();
    it('covers every card kind in English and French', () => {
      const kinds = (lang: string) =>
        new Set(samples.filter((s) => s.name.endsWith(`-${lang}`)).map((s) => s.name.replace(/-(en|fr)$/, '')));
      assert.deepEqual([...kinds('fr')].sort(), [...kinds('en')].sort());
      assert.ok(kinds('en').size >= 20, `${kinds('en').size} kinds`);
    });
    for (const { name, card } of samples) {
      it(`${name} renders without a warning`, async () => {
        const result = await renderOne(card, name);
        assertNoWarnings(result);
        assert.ok(result.rendered, `${name} did not render`);
        assert.ok(result.height > 40, `${name} is only ${result.height}px high`);
      });
    }
    for (const width of CARD_WIDTHS) {
      it(`every sample is readable at ${width} px: no title cut, no word broken inside, nothing wider than the card`, async () => {
        const results = await browser.render(samples, { width });
        const problems = results.flatMap((r) => r.layout.map((p) => `${r.name} @${width}px: ${p}`));
        if (problems.length) assert.fail(`${problems.length} layout problem(s)\n  ${problems.join('\n  ')}`);
      });
    }
  });

  describe('the harness', () => {
    it('passes a valid 1.5 card with markdown, a Table and Teams keys, every time', async () => {
      // Twice: the library's `lang` check once failed every other card (a stateful /g regex).
      for (const result of await browser.render([
        { name: 'a', card: validCard() },
        { name: 'b', card: validCard() },
      ])) {
        assertNoWarnings(result);
        assert.ok(result.rendered);
      }
    });

    const problems: [string, Record<string, unknown>, RegExp][] = [
      [
        'an unknown element type',
        validCard([{ type: 'CodeBlock', codeSnippet: 'Get-CsUser' }]),
        /^Parse\/UnknownElementType: .*"CodeBlock"/,
      ],
      [
        'an element newer than 1.5 (Carousel, 1.6)',
        validCard([{ type: 'Carousel', pages: [] }]),
        /^Parse\/UnknownElementType: .*"Carousel"/,
      ],
      [
        'a property newer than 1.5 (Action role, 1.6)',
        validCard([{ type: 'ActionSet', actions: [{ type: 'Action.Submit', title: 'Go', role: 'Button' }] }]),
        /^Parse\/UnsupportedProperty: Property "role" is supported in version 1\.6.*\$\.body\[2\]\.actions\[0\]/,
      ],
      ['a card version above 1.5', validCard([], { version: '1.6' }), /^Validation\/UnsupportedCardVersion: .*\(1\.6\)/],
      [
        'an invalid enum value',
        validCard([{ type: 'TextBlock', text: 'x', color: 'Purple' }]),
        /^Parse\/InvalidPropertyValue: Invalid value "Purple" for property "color"\. \(TextBlock at \$\.body\[2\]\)/,
      ],
      [
        'a missing required property (Action.OpenUrl url)',
        validCard([], { actions: [{ type: 'Action.OpenUrl', title: 'Docs' }] }),
        /^Validation\/PropertyCantBeNull: Property "url" must be set/,
      ],
      [
        'a missing required property (input id)',
        validCard([{ type: 'Input.ChoiceSet', choices: [{ title: 'A', value: 'a' }] }]),
        /^Validation\/PropertyCantBeNull: All inputs must have a unique Id/,
      ],
      ['a missing card version', validCard([], { version: undefined }), /^Parse\/PropertyCantBeNull: the card has no "version"/],
      [
        'a misspelt property',
        validCard([{ type: 'TextBlock', text: 'x', wieght: 'Bolder' }]),
        /^Parse\/UnknownProperty: "wieght" is not a property of TextBlock/,
      ],
      [
        'a locale where a 2-letter language belongs',
        validCard([], { lang: 'en-GB' }),
        /^Parse\/InvalidPropertyValue: Invalid value "en-GB" for property "lang"/,
      ],
      ['a card that is not an AdaptiveCard', validCard([], { type: 'MessageCard' }), /^Validation\/MissingCardType/],
    ];
    for (const [problem, card, expected] of problems) {
      it(`reports ${problem}`, async () => {
        const result = await renderOne(JSON.parse(JSON.stringify(card)) as Record<string, unknown>);
        assert.ok(
          result.warnings.some((w) => expected.test(w)),
          `expected ${expected}, got ${describeWarnings(result)}`,
        );
      });
    }

    const layoutProblems: [string, Record<string, unknown>, RegExp][] = [
      [
        'a long button title',
        validCard([
          {
            type: 'ActionSet',
            actions: [
              {
                type: 'Action.Submit',
                title: 'How do I migrate Lync Server 2010 Group Chat to Lync Server 2013 Persistent Chat?',
                data: {},
              },
            ],
          },
        ]),
        /^Layout\/ClippedButton: "How do I migrate/,
      ],
      [
        'a word wider than its column',
        validCard([
          {
            type: 'ColumnSet',
            columns: [1, 1, 1, 1, 1].map(() => ({
              type: 'Column',
              width: 1,
              items: [{ type: 'TextBlock', text: 'Interoperable', wrap: true }],
            })),
          },
        ]),
        /^Layout\/BrokenWord: "Interoperable"/,
      ],
      [
        'a cmdlet broken at a hyphen',
        validCard([{ type: 'TextBlock', wrap: true, text: 'To create the legacy endpoint, run this: New-CsPersistentChatEndpoint' }]),
        /^Layout\/BrokenWord: "New-CsPersistentChatEndpoint"/,
      ],
      [
        'text that does not wrap',
        validCard([
          {
            type: 'TextBlock',
            text: 'New-CsPersistentChatEndpoint -SipAddress sip:persistentchat@contoso.com -PersistentChatPoolFqdn pcpool.contoso.com',
          },
        ]),
        /^Layout\/Clipped: /,
      ],
    ];
    for (const [problem, card, expected] of layoutProblems) {
      it(`finds ${problem} at 320 px`, async () => {
        const [result] = await browser.render([{ name: 'narrow', card }], { width: 320 });
        assert.ok(
          result?.layout.some((w) => expected.test(w)),
          `expected ${expected}, got ${JSON.stringify(result?.layout)}`,
        );
      });
    }

    it('finds nothing wrong with a short card at 320 px', async () => {
      const [result] = await browser.render([{ name: 'narrow', card: validCard() }], { width: 320 });
      assert.deepEqual(result?.layout, []);
    });

    it('writes a PNG of the card on a Teams-like pane, at the width asked for', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'cards-'));
      try {
        const [result] = await browser.render([{ name: 'valid', card: validCard() }], { screenshotDir: dir, width: 300 });
        assert.equal(result?.screenshot, join(dir, 'valid.png'));
        const png = await readFile(join(dir, 'valid.png'));
        assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
        const width = png.readUInt32BE(16);
        assert.ok(width >= 300 && width <= 340, `PNG is ${width}px wide`);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
});
