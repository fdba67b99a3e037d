/**
 * `npm run package [-- --out <file>]`: the Teams app package, `build/appPackage.zip` by default.
 * Fills `manifest/` with the bot's app id (`MicrosoftAppId`, read like the bot reads it: environment,
 * then `.env`) and package.json's version, validates everything offline against the official
 * schemas bundled in @microsoft/app-manifest, checks the icons, and zips manifest.json, color.png,
 * outline.png and fr.json. Upload the zip in Teams (Apps > Manage your apps > Upload an app).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readEnvironment } from '../src/config';
import { AppPackageError, TEAMS_SCHEMA_VERSION, buildAppPackage, isGuid } from './lib/appPackage';

const ROOT = resolve(__dirname, '..');

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function appVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8'));
  const version = typeof pkg === 'object' && pkg !== null && 'version' in pkg ? pkg.version : undefined;
  return typeof version === 'string' ? version : fail('package.json has no version');
}

/** The bot's app id, or a one-line refusal naming MicrosoftAppId. */
function botId(): string {
  // Only the id: packaging needs no secret, and a build machine may not have one.
  const id = readEnvironment().MicrosoftAppId?.trim();
  if (!id)
    fail("MicrosoftAppId is not set: set it (environment or .env) to the bot's Microsoft app id, a GUID, to build the Teams app package.");
  if (!isGuid(id))
    fail(
      `MicrosoftAppId "${id}" is not a GUID: the Teams app package needs the bot's Microsoft app id, e.g. 00000000-0000-0000-0000-000000000000.`,
    );
  return id;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const out = resolve(values.out ?? resolve(ROOT, 'build', 'appPackage.zip'));
  const id = botId();
  const version = appVersion();
  try {
    const built = await buildAppPackage({ BOT_ID: id, APP_VERSION: version });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, built.zip);
    console.log(
      `${relative(process.cwd(), out) || out}: Teams app ${version} for bot ${id} (manifest v${TEAMS_SCHEMA_VERSION}; ${built.files.join(', ')})`,
    );
  } catch (err) {
    if (err instanceof AppPackageError) fail(err.message);
    throw err;
  }
}

void main();
