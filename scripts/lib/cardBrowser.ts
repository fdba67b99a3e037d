import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { ConsoleMessage, Page } from 'playwright-core';
import { launchChromium } from './browser';
import teamsHostConfig from './teamsHostConfig.json';

/** A card to render: `name` becomes the screenshot's file name. */
export interface CardToRender {
  name: string;
  card: object;
}

/** How to render a batch of cards. */
export interface CardRenderOptions {
  /** Write `<screenshotDir>/<name>.png` of every card (created if missing). */
  screenshotDir?: string;
  /** Width of the card in CSS pixels; Teams shows bot cards from about 320 px (mobile) to 600 px (desktop chat). */
  width?: number;
}

/** What rendering one card found. */
export interface CardRenderResult {
  name: string;
  /** Parse and validation events of the adaptivecards library, unknown keys, page console errors and warnings, page errors. */
  warnings: string[];
  /** The renderer produced an element with a height in the page. */
  rendered: boolean;
  /** What a reader would find wrong at this width: cut button titles, words broken inside, content too wide. */
  layout: string[];
  /** Height of the rendered card in CSS pixels (0 when not rendered). */
  height: number;
  /** Path of the PNG, when `screenshotDir` was given. */
  screenshot?: string;
}

/** One headless Chromium page with the official Adaptive Cards renderer loaded and a Teams light host config. */
export interface CardBrowser {
  /** Renders the cards one after another in the same page; never throws for a bad card, it reports it. */
  render(cards: readonly CardToRender[], opts?: CardRenderOptions): Promise<CardRenderResult[]>;
  close(): Promise<void>;
}

/** The API cardPage.js puts on `window` (typed here because the page script is plain JavaScript). */
interface CardPageApi {
  init(hostConfig: object): void;
  render(card: object, width: number): { warnings: string[]; rendered: boolean; height: number };
  settle(): Promise<void>;
  layoutProblems(): string[];
}
type PageGlobals = { cardPage: CardPageApi };

const DEFAULT_WIDTH = 450;
/** Widths every card must be readable at: Teams on a phone, a narrow desktop chat, a wide one. */
export const CARD_WIDTHS = [320, 450, 600] as const;

// Teams' chat: a #F5F5F5 pane, the card in a white bubble with a thin border (the designer's Teams container).
const PAGE_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
  body { margin: 0; background: #F5F5F5; }
  #frame { display: inline-block; padding: 12px; background: #F5F5F5; }
  #card { background: #FFFFFF; border: 1px solid #E1DFDD; border-radius: 4px; overflow: hidden; }
  a.ac-anchor, a.ac-anchor:visited { color: #6264A7; text-decoration: none; }
  .ac-pushButton { font-family: 'Segoe UI', Arial, sans-serif; font-size: 14px; height: 32px; padding: 4px 10px 5px;
    background: #FFFFFF; color: #6264A7; border: 2px solid #BFC0DA; border-radius: 4px; overflow: hidden; text-overflow: ellipsis; }
</style></head><body><div id="frame"><div id="card"></div></div></body></html>`;

// Card images come from the internet, which the page must not reach; a grey square keeps the layout.
const IMAGE_PLACEHOLDER =
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="#E1DFDD"/></svg>';

/** markdown-it's package exports hide its dist folder from require.resolve, so go from its main file. */
function markdownItBundle(): string {
  return join(dirname(require.resolve('markdown-it')), 'browser', 'markdown-it.umd.min.js');
}

/**
 * Arial, the first font of the Teams host config's list that a machine without Segoe UI has, as the
 * page's own web font: Arimo (metric-compatible with Arial, from the `@fontsource/arimo` package), in
 * the weights the host config uses, inlined because the page loads nothing. Line breaks and widths are
 * then the same whatever fonts the machine or the browser has.
 */
function arialFontFaces(): string {
  const dir = dirname(require.resolve('@fontsource/arimo/package.json'));
  const faces: string[] = [];
  for (const [weight, style] of [
    ['400', 'normal'],
    ['600', 'normal'],
    ['700', 'normal'],
    ['400', 'italic'],
    ['600', 'italic'],
  ] as const) {
    for (const subset of ['latin', 'latin-ext']) {
      const woff2 = readFileSync(join(dir, 'files', `arimo-${subset}-${weight}-${style}.woff2`)).toString('base64');
      faces.push(
        `@font-face { font-family: 'Arial'; font-style: ${style}; font-weight: ${weight}; font-display: block; src: url(data:font/woff2;base64,${woff2}) format('woff2'); unicode-range: ${ARIMO_RANGES[subset]}; }`,
      );
    }
  }
  return faces.join('\n');
}

/** The unicode ranges of @fontsource/arimo's latin and latin-ext subsets (from its CSS). */
const ARIMO_RANGES: Record<string, string> = {
  latin:
    'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
  'latin-ext':
    'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF',
};

/** Loads the renderer into a blank page that can reach nothing on the network. */
async function loadRenderer(page: Page): Promise<void> {
  await page.route('**/*', (route) =>
    route.request().resourceType() === 'image' ? route.fulfill({ contentType: 'image/svg+xml', body: IMAGE_PLACEHOLDER }) : route.abort(),
  );
  await page.setContent(PAGE_HTML);
  await page.addStyleTag({ content: arialFontFaces() });
  await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.min.js') });
  await page.addScriptTag({ path: markdownItBundle() });
  await page.addScriptTag({ path: join(__dirname, 'cardPage.js') });
  await page.evaluate((hostConfig) => (globalThis as unknown as PageGlobals).cardPage.init(hostConfig), teamsHostConfig);
}

/** Console output and uncaught errors of the page, charged to whichever card is being rendered. */
function collectPageMessages(page: Page): { take(): string[] } {
  let pending: string[] = [];
  page.on('console', (msg: ConsoleMessage) => {
    if (msg.type() === 'error' || msg.type() === 'warning') pending.push(`Console/${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => pending.push(`PageError: ${err.message}`));
  return {
    take() {
      const taken = pending;
      pending = [];
      return taken;
    },
  };
}

/**
 * Launches Chromium once and loads the renderer; render as many batches as you like, then close().
 */
export async function openCardBrowser(): Promise<CardBrowser> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
    const messages = collectPageMessages(page);
    await loadRenderer(page);
    const startup = messages.take();
    if (startup.length) throw new Error(`card page failed to load:\n${startup.join('\n')}`);
    return {
      async render(cards, opts = {}) {
        const width = opts.width ?? DEFAULT_WIDTH;
        if (opts.screenshotDir) await mkdir(opts.screenshotDir, { recursive: true });
        const results: CardRenderResult[] = [];
        for (const { name, card } of cards) {
          const found = await page.evaluate(([c, w]) => (globalThis as unknown as PageGlobals).cardPage.render(c, w), [
            card,
            width,
          ] as const);
          // Let fonts, images and any late console message arrive before the card is judged.
          await page.evaluate(() => (globalThis as unknown as PageGlobals).cardPage.settle());
          const layout = await page.evaluate(() => (globalThis as unknown as PageGlobals).cardPage.layoutProblems());
          const result: CardRenderResult = { name, ...found, layout };
          if (opts.screenshotDir) {
            result.screenshot = resolve(opts.screenshotDir, `${name}.png`);
            await page.locator('#frame').screenshot({ path: result.screenshot, animations: 'disabled' });
          }
          result.warnings.push(...messages.take());
          results.push(result);
        }
        return results;
      },
      close: () => browser.close(),
    };
  } catch (err) {
    await browser.close();
    throw err;
  }
}
