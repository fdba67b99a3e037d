/**
 * The headless Chromium the card and Playground tests (and `npm run icons`, `npm run cards:preview`) use,
 * found without installing anything but npm packages:
 *
 * 1. `CHROME_PATH`, when set: that executable (any Chromium or Chrome).
 * 2. The Chromium that the `@sparticuz/chromium` dev dependency ships inside its npm tarball (Brotli-
 *    compressed, with the NSS libraries it links to and a font): unpacked once into
 *    `node_modules/.cache/chromium/<version>/` and reused. It gets a fontconfig of its own, so what it
 *    renders does not depend on the fonts installed on the machine.
 * 3. A system Chromium (Debian's `/usr/bin/chromium`, or `chromium`, `chromium-browser`,
 *    `google-chrome` on PATH), as a last resort.
 */
import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';

const ROOT = resolve(__dirname, '../..');

/**
 * Without the background-networking flags Chromium keeps dialling Google services, which a closed
 * CI network refuses; `--no-sandbox` because CI runs as root.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** An executable and the environment it needs. */
export interface ChromiumInstall {
  executablePath: string;
  /** Variables to add to the browser's environment (libraries, fontconfig). */
  env: Record<string, string>;
  /** Where it came from, for messages. */
  from: string;
}

let found: ChromiumInstall | undefined;

/** The Chromium to launch (see the file's comment for the order); throws, saying what to do, when there is none. */
export function findChromium(): ChromiumInstall {
  found ??= locate();
  return found;
}

/** Headless Chromium with the flags above. */
export function launchChromium(): Promise<Browser> {
  const install = findChromium();
  return chromium.launch({
    executablePath: install.executablePath,
    args: CHROMIUM_ARGS,
    env: { ...process.env, ...install.env } as Record<string, string>,
  });
}

function locate(): ChromiumInstall {
  const chromePath = process.env.CHROME_PATH;
  if (chromePath) {
    if (!isExecutable(chromePath)) throw new Error(`CHROME_PATH=${chromePath} is not an executable file`);
    return { executablePath: chromePath, env: {}, from: 'CHROME_PATH' };
  }
  const packaged = packagedChromium();
  if (packaged) return packaged;
  const system = ['/usr/bin/chromium', ...onPath(['chromium', 'chromium-browser', 'google-chrome'])].find(isExecutable);
  if (system) return { executablePath: system, env: {}, from: 'the system' };
  throw new Error(
    'No Chromium found: run `npm install` (the @sparticuz/chromium dev dependency ships one), or set CHROME_PATH to a Chromium or Chrome executable',
  );
}

/** The Chromium of `@sparticuz/chromium`, unpacked on first use; undefined when the package is not installed (a production install). */
function packagedChromium(): ChromiumInstall | undefined {
  let pkgDir: string;
  try {
    // The package's exports hide package.json; its main file is build/index.js.
    pkgDir = resolve(dirname(require.resolve('@sparticuz/chromium')), '..');
  } catch {
    return undefined;
  }
  const bin = join(pkgDir, 'bin');
  const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string };
  const dir = join(ROOT, 'node_modules', '.cache', 'chromium', version);
  if (!existsSync(join(dir, 'chromium'))) unpack(bin, dir);
  return {
    executablePath: join(dir, 'chromium'),
    env: {
      // The NSS, NSPR and expat builds it was linked against (a fresh machine may have none).
      LD_LIBRARY_PATH: [join(dir, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(delimiter),
      FONTCONFIG_PATH: join(dir, 'fontconfig'),
    },
    from: `@sparticuz/chromium ${version}`,
  };
}

/**
 * Unpacks the package's Brotli files into `dir`: built in a folder of its own, then renamed, so that
 * test processes unpacking at the same time never see half a browser.
 */
function unpack(bin: string, dir: string): void {
  const work = `${dir}.${process.pid}.tmp`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'chromium'), brotliDecompressSync(readFileSync(join(bin, 'chromium.br'))), { mode: 0o755 });
  // al2023.tar: lib/*.so (NSS); fonts.tar: fonts.conf and fonts/ (Open Sans).
  untar(brotliDecompressSync(readFileSync(join(bin, 'al2023.tar.br'))), work);
  untar(brotliDecompressSync(readFileSync(join(bin, 'fonts.tar.br'))), work);
  mkdirSync(join(work, 'fontconfig'));
  // Only the packaged fonts: the same glyph metrics on every machine. The card page brings the fonts it measures itself.
  writeFileSync(
    join(work, 'fontconfig', 'fonts.conf'),
    [
      '<?xml version="1.0"?>',
      '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
      '<fontconfig>',
      `  <dir>${join(dir, 'fonts')}</dir>`,
      `  <cachedir>${join(dir, 'fontconfig', 'cache')}</cachedir>`,
      '</fontconfig>',
      '',
    ].join('\n'),
  );
  try {
    renameSync(work, dir);
  } catch (err) {
    // Another process finished first: keep its copy.
    rmSync(work, { recursive: true, force: true });
    if (!existsSync(join(dir, 'chromium'))) throw err;
  }
}

/** Extracts regular files and folders of a POSIX (ustar) tar archive under `dest`. */
function untar(tar: Buffer, dest: string): void {
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, length: number) =>
      header
        .subarray(start, start + length)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const prefix = field(345, 155);
    const name = (prefix ? `${prefix}/` : '') + field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1) || '0';
    const mode = parseInt(field(100, 8).trim() || '644', 8);
    const target = resolve(dest, name);
    if (!target.startsWith(resolve(dest))) throw new Error(`tar entry outside its folder: ${name}`);
    if (type === '5') mkdirSync(target, { recursive: true });
    else if (type === '0') {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, tar.subarray(offset + 512, offset + 512 + size), { mode: mode & 0o777 });
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
}

function onPath(names: string[]): string[] {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return names.flatMap((name) => dirs.map((d) => join(d, name)));
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
