import type { Browser, Locator, Page } from 'playwright-core';

export { CHROMIUM_ARGS, launchChromium } from './browser';

/** The Playground's web UI in a page, driven like a user would. */
export interface PlaygroundPage {
  page: Page;
  /** URLs the page asked for off this machine, refused (the UI wants Segoe UI fonts and an animation from the Office CDN). */
  refused: string[];
  /** Console errors and uncaught errors of the page, for failure messages. */
  errors: string[];
  /** Types a message in the compose box and presses the send button. */
  send(text: string): Promise<void>;
  /** The first Adaptive Card of the conversation whose text contains `text`, once rendered. */
  card(text: string, timeoutMs?: number): Promise<Locator>;
}

/**
 * Opens the Playground UI. Requests to anything but this machine are refused, so the test behaves
 * the same with or without a network. Resolves once the compose box can be typed in.
 */
export async function openPlaygroundPage(browser: Browser, url: string): Promise<PlaygroundPage> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const refused: string[] = [];
  const errors: string[] = [];
  await page.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    if (host === 'localhost' || host === '127.0.0.1') return route.continue();
    refused.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(url);
  // The compose box is a Lexical editor: a contenteditable div with the textbox role. Its
  // "Type a message..." placeholder is a sibling span, not an accessible name.
  const composeBox = page.locator('[role="textbox"][contenteditable="true"]');
  await composeBox.waitFor({ state: 'visible' });
  return {
    page,
    refused,
    errors,
    async send(text) {
      await composeBox.click();
      await page.keyboard.type(text);
      await page.getByRole('button', { name: 'Send Message' }).click();
    },
    async card(text, timeoutMs = 30000) {
      // `ac-adaptiveCard` is the root class of the official Adaptive Cards renderer the Playground uses.
      const card = page.locator('.ac-adaptiveCard', { hasText: text }).first();
      await card.waitFor({ state: 'visible', timeout: timeoutMs });
      return card;
    },
  };
}
