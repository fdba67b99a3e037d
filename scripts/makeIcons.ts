/**
 * `npm run icons`: renders `manifest/icons/*.svg` to the Teams app icons `manifest/color.png`
 * (192×192) and `manifest/outline.png` (32×32, white on transparent) with headless Chromium, then
 * checks them with the same rules as `npm run package`. The PNGs are committed: run this only after
 * editing an SVG.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COLOR_ICON_SIZE, MANIFEST_DIR, OUTLINE_ICON_SIZE, iconProblems } from './lib/appPackage';
import { launchChromium } from './lib/browser';

const ICONS = [
  { svg: 'icons/color.svg', png: 'color.png', size: COLOR_ICON_SIZE },
  { svg: 'icons/outline.svg', png: 'outline.png', size: OUTLINE_ICON_SIZE },
];

async function main(): Promise<void> {
  const browser = await launchChromium();
  try {
    for (const { svg, png, size } of ICONS) {
      // One CSS pixel per PNG pixel; the SVG's own width and height give the size.
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      await page.route('**/*', (route) => route.abort());
      await page.setContent(`<!doctype html><html><head><style>html, body { margin: 0; background: transparent; } svg { display: block; }</style></head>
        <body>${readFileSync(join(MANIFEST_DIR, svg), 'utf8')}</body></html>`);
      // omitBackground: the page's white backdrop would otherwise fill the outline icon's transparency.
      const image = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      writeFileSync(join(MANIFEST_DIR, png), image);
      console.log(`manifest/${png}: ${size}×${size} from manifest/${svg}`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  const problems = iconProblems(readFileSync(join(MANIFEST_DIR, 'color.png')), readFileSync(join(MANIFEST_DIR, 'outline.png')));
  if (problems.length) {
    console.error(`The icons break Teams' rules:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
}

void main();
