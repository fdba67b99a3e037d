import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import JSZip from 'jszip';
import { decodePng, type PngImage } from './png';

/** Teams manifest schema version of `manifest/manifest.json`: the newest non-preview one @microsoft/app-manifest bundles. */
export const TEAMS_SCHEMA_VERSION = '1.30';
/** Folder of the app package sources. */
export const MANIFEST_DIR = resolve(__dirname, '../../manifest');
/** Teams' command menu limits: enforced by the schema up to v1.20, still the documented ones. */
export const MAX_COMMAND_TITLE = 32;
export const MAX_COMMAND_DESCRIPTION = 128;
export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

/** Values for the `${{NAME}}` placeholders of the package sources. */
export interface PlaceholderValues {
  /** The bot's Microsoft app id (`MicrosoftAppId`), which is also the Teams app id. */
  BOT_ID: string;
  /** The app version: package.json `version` (semver). */
  APP_VERSION: string;
}

/** The parts of a Teams manifest that packaging reads; the schema checks the rest. */
export interface TeamsManifest {
  manifestVersion: string;
  id: string;
  version: string;
  icons: { color: string; outline: string };
  localizationInfo?: { defaultLanguageTag: string; additionalLanguages?: { languageTag: string; file: string }[] };
  bots?: { botId: string; commandLists?: { scopes: string[]; commands: { title: string; description?: string }[] }[] }[];
}

/** A localization file: `$schema`, then `name.short`, `bots[0].commandLists[0].commands[0].title`, … */
export type Localization = Record<string, string>;

/** The package cannot be built; one line per problem, each naming its file. */
export class AppPackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`The Teams app package is invalid:\n  ${problems.join('\n  ')}`);
    this.name = 'AppPackageError';
  }
}

/** The GUID pattern of the manifest schema's `id` and `botId`. */
export function isGuid(value: string): boolean {
  return /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/.test(value);
}

/**
 * Replaces every `${{NAME}}` of a source file. An unknown name is an error, so a typo cannot reach
 * Teams as a literal `${{…}}`. Values are JSON-escaped because the files are JSON.
 */
export function fillPlaceholders(text: string, values: PlaceholderValues, file = 'manifest.json'): string {
  const known = new Map(Object.entries(values));
  return text.replace(/\$\{\{\s*(\w+)\s*\}\}/g, (_match, name: string) => {
    const value = known.get(name);
    if (value === undefined) throw new AppPackageError([`${file}: unknown placeholder \${{${name}}}`]);
    return JSON.stringify(value).slice(1, -1);
  });
}

// --- Schemas: the official ones, read from node_modules; nothing is fetched ------------------

const SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${TEAMS_SCHEMA_VERSION}`;

function compile<T>(name: string): ValidateFunction<T> {
  const root = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const schema: unknown = JSON.parse(readFileSync(join(root, 'build/json-schemas/teams', `v${TEAMS_SCHEMA_VERSION}`, name), 'utf8'));
  // Draft-04 schemas. `unicodeRegExp: false`: a Localization pattern has a bare `]`, valid JavaScript
  // but invalid under the `u` flag ajv adds by default. `strict: false`: the schemas carry annotation
  // keywords ajv does not know.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile<T>(typeof schema === 'object' && schema !== null ? schema : {});
}

// Compiling the manifest schema takes a noticeable moment; both are compiled once, on first use.
let manifestValidator: ValidateFunction<TeamsManifest> | undefined;
let localizationValidator: ValidateFunction<Localization> | undefined;

function describe(file: string, e: ErrorObject): string {
  const p: Record<string, unknown> = e.params;
  const detail =
    p.additionalProperty !== undefined
      ? ` (${String(p.additionalProperty)})`
      : p.allowedValues !== undefined
        ? ` (${JSON.stringify(p.allowedValues)})`
        : '';
  return `${file} ${e.instancePath || '/'}: ${e.message ?? 'invalid'}${detail}`;
}

/** The outcome of validating one document: the typed document, or its problems. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problems: string[] };

function check<T>(validate: ValidateFunction<T>, doc: unknown, file: string, schemaUrl: string): Checked<T> {
  // The URL is compared, never fetched: it must name the schema this code validates against.
  const url = typeof doc === 'object' && doc !== null && '$schema' in doc ? doc.$schema : undefined;
  const wrongUrl = url === schemaUrl ? [] : [`${file} /$schema: expected ${schemaUrl}`];
  if (validate(doc)) return wrongUrl.length ? { ok: false, problems: wrongUrl } : { ok: true, value: doc };
  return { ok: false, problems: [...(validate.errors ?? []).map((e) => describe(file, e)), ...wrongUrl] };
}

/** Validates a filled manifest against the bundled MicrosoftTeams.schema.json. */
export function checkManifest(doc: unknown, file = 'manifest.json'): Checked<TeamsManifest> {
  manifestValidator ??= compile<TeamsManifest>('MicrosoftTeams.schema.json');
  return check(manifestValidator, doc, file, `${SCHEMA_URL}/MicrosoftTeams.schema.json`);
}

/** Validates a localization file against the bundled MicrosoftTeams.Localization.schema.json. */
export function checkLocalization(doc: unknown, file: string): Checked<Localization> {
  localizationValidator ??= compile<Localization>('MicrosoftTeams.Localization.schema.json');
  return check(localizationValidator, doc, file, `${SCHEMA_URL}/MicrosoftTeams.Localization.schema.json`);
}

// --- What the schemas do not say ---------------------------------------------------------------

/** Follows `bots[0].commandLists[1].commands[2].title` in a parsed JSON value; undefined when absent. */
function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const step of path.match(/[^.[\]]+/g) ?? []) {
    if (typeof node !== 'object' || node === null || !(step in node)) return undefined;
    node = Object.entries(node).find(([key]) => key === step)?.[1];
  }
  return node;
}

/**
 * The bot is the app, menu commands fit Teams' limits in every language, and each localized key
 * translates a string the manifest has. (The schema itself pins `manifestVersion` to its version.)
 */
export function consistencyProblems(manifest: TeamsManifest, localizations: Record<string, Localization>): string[] {
  const problems: string[] = [];
  manifest.bots?.forEach((bot, b) => {
    if (bot.botId !== manifest.id) problems.push(`manifest.json /bots/${b}/botId: expected the app id ${manifest.id}`);
  });
  const texts: [where: string, text: string][] = [];
  manifest.bots?.[0]?.commandLists?.forEach((list, l) =>
    list.commands.forEach((c, i) => {
      texts.push([`manifest.json /bots/0/commandLists/${l}/commands/${i}/title`, c.title]);
      if (c.description !== undefined) texts.push([`manifest.json /bots/0/commandLists/${l}/commands/${i}/description`, c.description]);
    }),
  );
  for (const [file, loc] of Object.entries(localizations)) {
    for (const [key, text] of Object.entries(loc)) {
      if (key === '$schema') continue;
      if (typeof valueAt(manifest, key) !== 'string') problems.push(`${file} ${key}: the manifest has no such string to translate`);
      if (key.startsWith('bots[0].commandLists')) texts.push([`${file} ${key}`, text]);
    }
  }
  for (const [where, text] of texts) {
    const max = where.endsWith('description') ? MAX_COMMAND_DESCRIPTION : MAX_COMMAND_TITLE;
    if (text.length > max) problems.push(`${where}: ${text.length} characters, Teams allows ${max}`);
  }
  return problems;
}

// --- PNG icons ---------------------------------------------------------------------------------

export { decodePng, type PngImage } from './png';

/** The outline icon's pixels by kind: Teams accepts white (at any opacity) and fully transparent only. */
export interface OutlinePixels {
  white: number;
  transparent: number;
  other: number;
  firstOther?: { x: number; y: number; rgba: number[] };
}

/** Counts white, fully transparent and other pixels of an image. */
export function outlinePixels(image: PngImage): OutlinePixels {
  const counts: OutlinePixels = { white: 0, transparent: 0, other: 0 };
  for (let i = 0; i < image.width * image.height; i++) {
    const [r, g, b, a] = image.rgba.subarray(i * 4, i * 4 + 4);
    if (a === 0) counts.transparent++;
    else if (r === 255 && g === 255 && b === 255) counts.white++;
    else {
      counts.other++;
      counts.firstOther ??= { x: i % image.width, y: Math.floor(i / image.width), rgba: [r ?? 0, g ?? 0, b ?? 0, a ?? 0] };
    }
  }
  return counts;
}

/** Teams' icon rules: colour 192×192; outline 32×32, white on a fully transparent background. */
export function iconProblems(color: Buffer, outline: Buffer, names = { color: 'color.png', outline: 'outline.png' }): string[] {
  const problems: string[] = [];
  const decode = (png: Buffer, name: string): PngImage | undefined => {
    try {
      return decodePng(png);
    } catch (err) {
      problems.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  };
  const size = (img: PngImage | undefined, name: string, expected: number): void => {
    if (img && (img.width !== expected || img.height !== expected))
      problems.push(`${name}: ${img.width}×${img.height}, expected ${expected}×${expected}`);
  };
  const c = decode(color, names.color),
    o = decode(outline, names.outline);
  size(c, names.color, COLOR_ICON_SIZE);
  size(o, names.outline, OUTLINE_ICON_SIZE);
  if (o) {
    const px = outlinePixels(o);
    if (px.firstOther)
      problems.push(
        `${names.outline}: ${px.other} pixel(s) neither white nor fully transparent, the first at (${px.firstOther.x}, ${px.firstOther.y}) rgba(${px.firstOther.rgba.join(', ')})`,
      );
    if (px.white === 0) problems.push(`${names.outline}: no white pixel`);
    if (px.transparent === 0) problems.push(`${names.outline}: no transparent pixel`);
  }
  return problems;
}

// --- The package -------------------------------------------------------------------------------

/** A built package. */
export interface AppPackage {
  zip: Buffer;
  manifest: TeamsManifest;
  /** Names of the files at the zip root, in order. */
  files: string[];
}

/**
 * Fills the placeholders of `dir` (manifest.json and the localization files it names), validates it
 * all offline (schemas, consistency, icons), then zips manifest.json, the icons and the localization
 * files at the zip root. Throws `AppPackageError` listing every problem found.
 */
export async function buildAppPackage(values: PlaceholderValues, dir = MANIFEST_DIR): Promise<AppPackage> {
  const read = (file: string): string | undefined => (existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8') : undefined);
  const parse = (file: string): { text: string; doc: unknown } | string => {
    const raw = read(file);
    if (raw === undefined) return `${file}: file missing`;
    const text = fillPlaceholders(raw, values, file);
    try {
      return { text, doc: JSON.parse(text) };
    } catch (err) {
      return `${file}: not JSON (${err instanceof Error ? err.message : String(err)})`;
    }
  };

  const source = parse('manifest.json');
  if (typeof source === 'string') throw new AppPackageError([source]);
  const checked = checkManifest(source.doc);
  if (!checked.ok) throw new AppPackageError(checked.problems);
  const manifest = checked.value;

  const problems: string[] = [];
  const texts = new Map<string, string | Buffer>([['manifest.json', source.text]]);
  const localizations: Record<string, Localization> = {};
  for (const { file } of manifest.localizationInfo?.additionalLanguages ?? []) {
    const loc = parse(file);
    if (typeof loc === 'string') {
      problems.push(loc);
      continue;
    }
    const result = checkLocalization(loc.doc, file);
    if (result.ok) localizations[file] = result.value;
    else problems.push(...result.problems);
    texts.set(file, loc.text);
  }
  problems.push(...consistencyProblems(manifest, localizations));
  const icons = [manifest.icons.color, manifest.icons.outline].map((f) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f)) : f));
  const [color, outline] = icons;
  for (const missing of icons.filter((i) => typeof i === 'string')) problems.push(`${missing}: file missing (named in icons)`);
  if (Buffer.isBuffer(color) && Buffer.isBuffer(outline)) {
    problems.push(...iconProblems(color, outline, manifest.icons));
    texts.set(manifest.icons.color, color).set(manifest.icons.outline, outline);
  }
  if (problems.length) throw new AppPackageError(problems);

  const zip = new JSZip();
  // A fixed date keeps the zip byte-identical for identical sources.
  const date = new Date('2013-01-01T00:00:00Z');
  const order = ['manifest.json', manifest.icons.color, manifest.icons.outline, ...Object.keys(localizations)];
  for (const name of order) zip.file(name, texts.get(name) ?? '', { date });
  return { zip: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), manifest, files: order };
}
