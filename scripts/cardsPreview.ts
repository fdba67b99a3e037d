/**
 * `npm run cards:preview`: renders every sample card in headless Chromium with the official Adaptive
 * Cards renderer and a Teams light host config at 320, 450 and 600 px, writes previews/cards/<width>/<name>.png, prints each path and
 * every warning, and exits 1 when any card has a warning or did not render.
 */
import { rm } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { CARD_WIDTHS, openCardBrowser } from './lib/cardBrowser';
import { cardSamples } from './lib/cardSamples';

const OUT_DIR = resolve(__dirname, '../previews/cards');

async function main(): Promise<number> {
  const started = Date.now();
  // Start clean so that a renamed or removed sample leaves no stale picture behind.
  await rm(OUT_DIR, { recursive: true, force: true });
  const browser = await openCardBrowser();
  try {
    const samples = cardSamples();
    let failed = 0;
    let count = 0;
    for (const width of CARD_WIDTHS) {
      const results = await browser.render(samples, { screenshotDir: join(OUT_DIR, String(width)), width });
      for (const r of results) {
        count++;
        const problems = [...r.warnings, ...r.layout];
        const ok = r.rendered && problems.length === 0;
        if (!ok) failed++;
        const where = r.screenshot ? relative(process.cwd(), r.screenshot) : '(no picture)';
        console.log(`${ok ? 'ok  ' : 'FAIL'} ${where}  ${Math.round(r.height)}px${r.rendered ? '' : '  NOT RENDERED'}`);
        for (const w of problems) console.log(`       ${w}`);
      }
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`\n${count} cards (${samples.length} at ${CARD_WIDTHS.join(', ')} px), ${failed} with problems, ${seconds}s`);
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
