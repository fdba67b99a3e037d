import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { startPlayground, type RunningPlayground } from '../../scripts/lib/playground';
import { launchChromium, openPlaygroundPage, type PlaygroundPage } from '../../scripts/lib/playgroundBrowser';
import { startBot, type RunningBot } from '../helpers/server';

const ROOT = resolve(__dirname, '../..');
/** Committed and shown in the README; written only when missing (delete it to refresh it), so test runs leave the tree clean. */
const DOCS_SCREENSHOT = join(ROOT, 'docs/playground.png');
/** Written on every run; build/ is gitignored. */
const RUN_SCREENSHOT_DIR = join(ROOT, 'build/playground');

const QUESTION = 'Is Lync 2010 supported on Lync Server 2013?';
/** Committed screenshots of the message extension and of an in-place feedback update (README), written when missing. */
const DOCS_SEARCH = join(ROOT, 'docs/playground-search.png');
const DOCS_FEEDBACK = join(ROOT, 'docs/playground-feedback.png');

/** Saves a page screenshot under build/playground/, and under docs/ when that one is missing. */
async function shoot(ui: PlaygroundPage, name: string, docs?: string): Promise<void> {
  mkdirSync(RUN_SCREENSHOT_DIR, { recursive: true });
  await ui.page.screenshot({ path: join(RUN_SCREENSHOT_DIR, name) });
  if (docs && !existsSync(docs)) await ui.page.screenshot({ path: docs });
}

describe('Microsoft 365 Agents Playground as a Teams client (real bot, real Playground, headless Chromium)', function () {
  // Starting the Playground and Chromium takes a few seconds; a cold 2-core CI machine gets slack.
  this.timeout(120_000);
  let bot: RunningBot | undefined;
  let playground: RunningPlayground | undefined;
  let browser: Browser | undefined;
  let ui: PlaygroundPage | undefined;
  let workDir: string | undefined;

  /** What to read when something fails: the Playground's log and the page's errors. */
  const diagnostics = (): string =>
    [
      `Playground log (${playground?.logFile ?? 'not started'}):`,
      playground?.logTail(30) ?? '',
      `page errors: ${JSON.stringify(ui?.errors ?? [])}`,
    ].join('\n');

  before(async () => {
    // A folder of its own: the Playground reads a config file from its working directory and
    // writes its log; runs side by side must not share either.
    workDir = mkdtempSync(join(tmpdir(), 'playground-'));
    rmSync(join(RUN_SCREENSHOT_DIR, 'failure.png'), { force: true });
    bot = await startBot();
    playground = await startPlayground({
      endpoint: `${bot.botUrl}/api/messages`,
      channel: 'msteams',
      port: 0,
      logFile: join(workDir, 'playground.log'),
      cwd: workDir,
      env: { ...process.env, NODE_V8_COVERAGE: '' }, // the Playground's coverage is not ours (see botProcess.ts)
    });
    browser = await launchChromium();
  });

  // Runs even when `before` failed half-way: each part that started is stopped, even if stopping
  // another one fails, and only then is a failure reported.
  after(async () => {
    const stopped = await Promise.allSettled([browser?.close(), playground?.stop(), bot?.stop()]);
    if (workDir) rmSync(workDir, { recursive: true, force: true });
    for (const result of stopped) if (result.status === 'rejected') throw result.reason;
  });

  it(`answers "${QUESTION}" with the answer card`, async () => {
    if (!browser || !playground) assert.fail('not started');
    ui = await openPlaygroundPage(browser, playground.url);
    const answer = 'Lync 2010 is supported on Lync Server 2013';
    // The welcome card lists the question as a button, but no card holds its answer yet.
    assert.equal(await ui.page.locator('.ac-adaptiveCard', { hasText: answer }).count(), 0);
    await ui.send(QUESTION);
    let card;
    try {
      card = await ui.card(answer, 60_000);
    } catch (err) {
      mkdirSync(RUN_SCREENSHOT_DIR, { recursive: true });
      await ui.page.screenshot({ path: join(RUN_SCREENSHOT_DIR, 'failure.png') });
      throw new Error(`${err instanceof Error ? err.message : String(err)}\nscreenshot: build/playground/failure.png\n${diagnostics()}`);
    }
    const text = await card.innerText();
    assert.match(text, /^Supported$/m, text);
    assert.match(text, /Yes\. Lync 2010 is supported on Lync Server 2013\./, text);
    assert.match(text, /Source: Lync Server 2013: Supported clients from earlier deployments/, text);

    // Let the chat settle (scrolling, fonts) so the picture shows the whole answer.
    await card.scrollIntoViewIfNeeded();
    await ui.page.waitForTimeout(500);
    mkdirSync(RUN_SCREENSHOT_DIR, { recursive: true });
    await ui.page.screenshot({ path: join(RUN_SCREENSHOT_DIR, 'answer.png') });
    if (!existsSync(DOCS_SCREENSHOT)) {
      mkdirSync(join(ROOT, 'docs'), { recursive: true });
      await ui.page.screenshot({ path: DOCS_SCREENSHOT });
    }
  });

  it('updates the answer card in place when "Yes" is pressed (Action.Execute, adaptiveCard/action)', async () => {
    if (!ui) assert.fail('the Playground page did not open');
    const card = await ui.card('Lync 2010 is supported on Lync Server 2013');
    const before = await ui.page.locator('.ac-adaptiveCard').count();
    await card.getByRole('button', { name: 'Yes' }).click();
    const verdict = ui.page.locator('.ac-adaptiveCard', { hasText: 'You found this answer helpful.' }).first();
    try {
      await verdict.waitFor({ state: 'visible', timeout: 30_000 });
    } catch (err) {
      await shoot(ui, 'failure.png');
      throw new Error(`${err instanceof Error ? err.message : String(err)}\nscreenshot: build/playground/failure.png\n${diagnostics()}`);
    }
    const text = await verdict.innerText();
    assert.match(text, /Yes\. Lync 2010 is supported on Lync Server 2013\./, 'the answer stays');
    assert.doesNotMatch(text, /Was this answer helpful\?/, 'the buttons are gone');
    assert.equal(await ui.page.locator('.ac-adaptiveCard').count(), before, 'no new message');
    await verdict.scrollIntoViewIfNeeded();
    await ui.page.waitForTimeout(500);
    await shoot(ui, 'feedback.png', DOCS_FEEDBACK);
  });

  it('searches with the message extension and inserts the support card into the message being written', async () => {
    if (!ui) assert.fail('the Playground page did not open');
    const { page } = ui;
    await page.getByRole('button', { name: 'Trigger Message Extension App' }).click();
    await page.getByText('Search Command', { exact: true }).first().click();
    await page.getByPlaceholder('Enter a search term').fill('lync 2010 on ocs');
    const result = page.getByText('Lync 2010 · OCS 2007 R2', { exact: true }).first();
    try {
      await result.waitFor({ state: 'visible', timeout: 30_000 });
    } catch (err) {
      await shoot(ui, 'failure.png');
      throw new Error(`${err instanceof Error ? err.message : String(err)}\nscreenshot: build/playground/failure.png\n${diagnostics()}`);
    }
    await page.waitForTimeout(300);
    await shoot(ui, 'search.png', DOCS_SEARCH);
    await result.click();
    const inserted = page
      .locator('.ac-adaptiveCard', { hasText: 'Lync 2010 is not supported on Office Communications Server 2007 R2' })
      .first();
    await inserted.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await inserted.innerText(), /Source: Lync Server 2013: Supported clients from earlier deployments/);
    await shoot(ui, 'search-inserted.png');
  });
});
