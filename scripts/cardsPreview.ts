/**
 * `npm run cards:preview`: renders every sample card in headless Chromium with the official Adaptive
 * Cards renderer and a Teams light host config, writes previews/cards/<name>.png, prints each path and
 * every warning, and exits 1 when any card has a warning or did not render.
 */
import { rm } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { openCardBrowser } from './lib/cardBrowser';
import { cardSamples } from './lib/cardSamples';

const OUT_DIR = resolve(__dirname, '../previews/cards');

async function main(): Promise<number> {
  const started = Date.now();
  // Start clean so that a renamed or removed sample leaves no stale picture behind.
  await rm(OUT_DIR, { recursive: true, force: true });
  const browser = await openCardBrowser();
  try {
    const results = await browser.render(cardSamples(), { screenshotDir: OUT_DIR });
    let failed = 0;
    for (const r of results) {
      const ok = r.rendered && r.warnings.length === 0;
      if (!ok) failed++;
      const where = r.screenshot ? relative(process.cwd(), r.screenshot) : '(no picture)';
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${where}  ${Math.round(r.height)}px${r.rendered ? '' : '  NOT RENDERED'}`);
      for (const w of r.warnings) console.log(`       ${w}`);
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`\n${results.length} cards, ${failed} with problems, ${seconds}s`);
    return failed ? 1 : 0;
  } finally {
    await browser.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
