import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import JSZip from 'jszip';
import {
  AppPackageError,
  MANIFEST_DIR,
  MAX_COMMAND_DESCRIPTION,
  MAX_COMMAND_TITLE,
  buildAppPackage,
  checkLocalization,
  checkManifest,
  consistencyProblems,
  decodePng,
  fillPlaceholders,
  iconProblems,
  outlinePixels,
  type Localization,
  type TeamsManifest,
} from '../../scripts/lib/appPackage';
import { NONE_INTENT } from '../../src/nlu/intents';
import { realNlu } from '../helpers/knowledge';

const ROOT = resolve(__dirname, '../..');
const BOT_ID = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const VALUES = { BOT_ID, APP_VERSION: '1.2.3' };

/** Mutable parsed JSON: the negative cases edit it freely. */
// biome-ignore lint/suspicious/noExplicitAny: fixture edits of parsed JSON
type Json = Record<string, any>;

function filledManifest(): Json {
  return JSON.parse(fillPlaceholders(readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8'), VALUES));
}
function frenchStrings(): Json {
  return JSON.parse(readFileSync(join(MANIFEST_DIR, 'fr.json'), 'utf8'));
}
function valid<T>(result: { ok: true; value: T } | { ok: false; problems: string[] }): T {
  if (!result.ok) assert.fail(result.problems.join('\n'));
  return result.value;
}

/** A minimal 8-bit RGBA PNG (filter 0 rows; the decoder ignores CRCs, so they are left at zero). */
function rgbaPng(width: number, height: number, pixel: (x: number, y: number) => number[]): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length);
    head.write(type, 4, 'latin1');
    return Buffer.concat([head, data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const rows = Array.from({ length: height }, (_, y) => Buffer.from([0, ...Array.from({ length: width }, (__, x) => pixel(x, y)).flat()]));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run package` as a user runs it, from an empty folder (no .env) with the given environment. */
function runPackage(env: NodeJS.ProcessEnv, args: string[], cwd: string): Promise<Run> {
  return new Promise((done) => {
    execFile(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'scripts/package.ts'), ...args], { cwd, env }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
    });
  });
}

describe('Teams app package (manifest/, scripts/lib/appPackage.ts)', function () {
  // The manifest schema takes a moment to compile; the script runs are child processes.
  this.timeout(60_000);

  describe('the filled sources, against the official v1.30 schemas (offline)', () => {
    it('manifest.json is valid, with the bot id as app id and bot id, and the version', () => {
      const manifest = valid(checkManifest(filledManifest()));
      assert.equal(manifest.id, BOT_ID);
      assert.equal(manifest.version, '1.2.3');
      assert.deepEqual(
        manifest.bots?.map((b) => b.botId),
        [BOT_ID],
      );
      assert.doesNotMatch(JSON.stringify(manifest), /\$\{\{/);
    });

    it('declares a conversational bot in the three scopes, with a command list for each and no extra permission', () => {
      const [bot] = filledManifest().bots;
      assert.deepEqual([...bot.scopes].sort(), ['groupChat', 'personal', 'team']);
      assert.equal(bot.supportsFiles, false);
      assert.equal(bot.isNotificationOnly, false);
      assert.deepEqual(bot.commandLists.flatMap((l: Json) => l.scopes).sort(), ['groupChat', 'personal', 'team']);
      assert.ok(filledManifest().permissions.every((p: string) => ['identity', 'messageTeamMembers'].includes(p)));
    });

    it('fr.json is a valid localization whose every key translates a string of the manifest', () => {
      const manifest = valid(checkManifest(filledManifest()));
      const fr = valid(checkLocalization(frenchStrings(), 'fr.json'));
      assert.deepEqual(manifest.localizationInfo, {
        defaultLanguageTag: 'en-us',
        additionalLanguages: [{ languageTag: 'fr', file: 'fr.json' }],
      });
      assert.deepEqual(consistencyProblems(manifest, { 'fr.json': fr }), []);
      const commands = manifest.bots?.[0]?.commandLists?.flatMap((l) => l.commands) ?? [];
      assert.equal(
        Object.keys(fr).filter((k) => k.startsWith('bots[0]')).length,
        commands.length * 2,
        'every command title and description is translated',
      );
    });

    it(`every menu command fits Teams' limits (title ≤ ${MAX_COMMAND_TITLE}, description ≤ ${MAX_COMMAND_DESCRIPTION}) in both languages`, () => {
      const manifest = filledManifest();
      const texts: [string, number][] = manifest.bots[0].commandLists.flatMap((l: Json) =>
        l.commands.flatMap((c: Json) => [
          [c.title, MAX_COMMAND_TITLE],
          [c.description, MAX_COMMAND_DESCRIPTION],
        ]),
      );
      for (const [key, text] of Object.entries(frenchStrings())) {
        if (key.startsWith('bots[0]')) texts.push([text, key.endsWith('title') ? MAX_COMMAND_TITLE : MAX_COMMAND_DESCRIPTION]);
      }
      for (const [text, max] of texts) assert.ok(text.length <= max, `${text.length} > ${max}: ${text}`);
    });

    it('every menu command is a question the bot understands, in the language of its menu', () => {
      const manifest = filledManifest();
      const asked: [string, 'en' | 'fr'][] = [
        ...manifest.bots[0].commandLists.flatMap((l: Json) => l.commands.map((c: Json): [string, 'en'] => [c.title, 'en'])),
        ...Object.entries(frenchStrings())
          .filter(([k]) => /\.title$/.test(k))
          .map(([, v]): [string, 'fr'] => [String(v), 'fr']),
      ];
      for (const [text, lang] of asked) {
        const u = realNlu().understand(text);
        assert.notEqual(u.intent, NONE_INTENT, `not understood: ${text}`);
        assert.equal(u.lang, lang, `${text} read as ${u.lang}`);
      }
    });
  });

  describe('broken sources are refused', () => {
    const broken: [string, (m: Json) => void, RegExp][] = [
      [
        'a missing privacy URL',
        (m) => {
          delete m.developer.privacyUrl;
        },
        /^manifest\.json \/developer: must have required property 'privacyUrl'/,
      ],
      [
        'an accent colour that is not #rrggbb',
        (m) => {
          m.accentColor = 'teal';
        },
        /^manifest\.json \/accentColor: must match pattern/,
      ],
      [
        'a bot scope Teams does not know',
        (m) => {
          m.bots[0].scopes.push('meeting');
        },
        /^manifest\.json \/bots\/0\/scopes\/3: must be equal to one of the allowed values/,
      ],
      [
        'an app id that is not a GUID',
        (m) => {
          m.id = 'lync-bot';
        },
        /^manifest\.json \/id: must match pattern/,
      ],
      [
        'a property the schema does not have',
        (m) => {
          m.botz = [];
        },
        /^manifest\.json \/: must NOT have additional properties \(botz\)/,
      ],
      [
        'a short name over 30 characters',
        (m) => {
          m.name.short = 'Lync Server 2013 Compatibility Bot';
        },
        /^manifest\.json \/name\/short: must NOT have more than 30 characters/,
      ],
      [
        'another schema version',
        (m) => {
          m.$schema = m.$schema.replace('v1.30', 'v1.29');
        },
        /^manifest\.json \/\$schema: expected https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/v1\.30\//,
      ],
    ];
    for (const [name, edit, problem] of broken) {
      it(`the manifest schema check refuses ${name}`, () => {
        const manifest = filledManifest();
        edit(manifest);
        const result = checkManifest(manifest);
        assert.ok(!result.ok, 'accepted');
        assert.ok(
          result.problems.some((p) => problem.test(p)),
          result.problems.join('\n'),
        );
      });
    }

    it('the localization schema check refuses an unknown key and a description too long', () => {
      const fr = { ...frenchStrings(), 'name.shorter': 'x', 'description.short': 'x'.repeat(81) };
      const result = checkLocalization(fr, 'fr.json');
      assert.ok(!result.ok);
      assert.ok(
        result.problems.some((p) => /^fr\.json \/: must NOT have additional properties \(name\.shorter\)/.test(p)),
        result.problems.join('\n'),
      );
      assert.ok(
        result.problems.some((p) => /^fr\.json \/description\.short: must NOT have more than 80 characters/.test(p)),
        result.problems.join('\n'),
      );
    });

    it('the consistency check refuses a long command title, a translation of nothing and a bot that is not the app', () => {
      const manifest = filledManifest();
      manifest.bots[0].commandLists[0].commands[0].title = 'Is Lync 2010 supported on Lync Server 2013?';
      manifest.bots[0].botId = '00000000-0000-0000-0000-000000000000';
      const fr: Localization = { 'bots[0].commandLists[0].commands[12].title': 'Bonjour' };
      assert.deepEqual(consistencyProblems(manifest as TeamsManifest, { 'fr.json': fr }), [
        `manifest.json /bots/0/botId: expected the app id ${BOT_ID}`,
        'fr.json bots[0].commandLists[0].commands[12].title: the manifest has no such string to translate',
        `manifest.json /bots/0/commandLists/0/commands/0/title: 43 characters, Teams allows ${MAX_COMMAND_TITLE}`,
      ]);
    });

    it('an unknown placeholder is an error, not a literal left for Teams', () => {
      assert.throws(
        () => fillPlaceholders('{"id": "${{BOT_IDD}}"}', VALUES),
        (err: unknown) => err instanceof AppPackageError && /unknown placeholder \$\{\{BOT_IDD\}\}/.test(err.message),
      );
    });

    it('buildAppPackage lists every problem of a broken folder and writes nothing', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
      try {
        cpSync(MANIFEST_DIR, dir, { recursive: true });
        rmSync(join(dir, 'outline.png'));
        const fr = frenchStrings();
        fr['name.full'] = 'x'.repeat(101);
        writeFileSync(join(dir, 'fr.json'), JSON.stringify(fr));
        await assert.rejects(buildAppPackage(VALUES, dir), (err: unknown) => {
          assert.ok(err instanceof AppPackageError);
          assert.deepEqual(err.problems, [
            'fr.json /name.full: must NOT have more than 100 characters',
            'outline.png: file missing (named in icons)',
          ]);
          return true;
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('icons', () => {
    const color = readFileSync(join(MANIFEST_DIR, 'color.png'));
    const outline = readFileSync(join(MANIFEST_DIR, 'outline.png'));

    it('color.png is 192×192 and decodes to the accent colour around a white speech bubble', () => {
      const image = decodePng(color);
      assert.deepEqual([image.width, image.height], [192, 192]);
      const at = (x: number, y: number): string =>
        `#${[...image.rgba.subarray((y * 192 + x) * 4, (y * 192 + x) * 4 + 3)]
          .map((v) => v.toString(16).padStart(2, '0'))
          .join('')
          .toUpperCase()}`;
      assert.equal(at(0, 0), filledManifest().accentColor);
      assert.equal(at(191, 191), filledManifest().accentColor);
      assert.equal(at(100, 60), '#FFFFFF');
    });

    it('outline.png is 32×32 with an alpha channel, only white or fully transparent pixels, and some of each', () => {
      const image = decodePng(outline);
      assert.deepEqual([image.width, image.height, image.colorType], [32, 32, 6]);
      const pixels = outlinePixels(image);
      assert.equal(pixels.other, 0, JSON.stringify(pixels.firstOther));
      assert.ok(pixels.white > 50, `${pixels.white} white pixels`);
      assert.ok(pixels.transparent > 500, `${pixels.transparent} transparent pixels`);
      assert.deepEqual(iconProblems(color, outline), []);
    });

    it('the icon check refuses swapped icons, a grey pixel in the outline, and an outline with no white', () => {
      const swapped = iconProblems(outline, color);
      assert.deepEqual(
        swapped.filter((p) => !/neither white/.test(p)),
        ['color.png: 32×32, expected 192×192', 'outline.png: 192×192, expected 32×32', 'outline.png: no transparent pixel'],
      );
      // The colour icon's accent background is neither white nor transparent; its white bubble is white.
      assert.ok(
        swapped.some((p) =>
          /^outline\.png: \d+ pixel\(s\) neither white nor fully transparent, the first at \(0, 0\) rgba\(14, 116, 144, 255\)$/.test(p),
        ),
        swapped.join('\n'),
      );
      const grey = rgbaPng(32, 32, (x, y) => (x === 3 && y === 4 ? [128, 128, 128, 255] : x < 16 ? [255, 255, 255, 255] : [0, 0, 0, 0]));
      assert.deepEqual(iconProblems(color, grey), [
        'outline.png: 1 pixel(s) neither white nor fully transparent, the first at (3, 4) rgba(128, 128, 128, 255)',
      ]);
      assert.deepEqual(
        iconProblems(
          color,
          rgbaPng(32, 32, () => [255, 255, 255, 0]),
        ),
        ['outline.png: no white pixel'],
      );
      assert.deepEqual(iconProblems(color, Buffer.from('GIF89a')), ['outline.png: not a PNG file']);
    });
  });

  describe('npm run package (scripts/package.ts, as a child process)', () => {
    let dir: string;
    const version: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    const envWith = (id?: string): NodeJS.ProcessEnv => {
      const env = { ...process.env };
      delete env.MicrosoftAppId;
      return id === undefined ? env : { ...env, MicrosoftAppId: id };
    };
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'app-package-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('writes a zip holding exactly manifest.json, the two icons and fr.json, with the id and version filled in', async () => {
      const run = await runPackage(envWith(BOT_ID), ['--out', join(dir, 'app.zip')], dir);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`Teams app ${version.replace(/\./g, '\\.')} for bot ${BOT_ID}`));
      const zip = await JSZip.loadAsync(readFileSync(join(dir, 'app.zip')));
      assert.deepEqual(Object.keys(zip.files).sort(), ['color.png', 'fr.json', 'manifest.json', 'outline.png']);
      const manifest = JSON.parse((await zip.file('manifest.json')?.async('string')) ?? '{}');
      assert.equal(manifest.id, BOT_ID);
      assert.equal(manifest.bots[0].botId, BOT_ID);
      assert.equal(manifest.version, version);
      assert.ok(valid(checkManifest(manifest)));
      assert.ok((await zip.file('outline.png')?.async('nodebuffer'))?.equals(readFileSync(join(MANIFEST_DIR, 'outline.png'))));
      assert.equal(await zip.file('fr.json')?.async('string'), readFileSync(join(MANIFEST_DIR, 'fr.json'), 'utf8'));
    });

    const refusals: [string, string | undefined][] = [
      ['without MicrosoftAppId', undefined],
      ['with a MicrosoftAppId that is not a GUID', 'my-bot'],
    ];
    for (const [name, id] of refusals) {
      it(`refuses ${name}: exit code 1 and one line naming MicrosoftAppId`, async () => {
        const run = await runPackage(envWith(id), ['--out', join(dir, 'app.zip')], dir);
        assert.equal(run.code, 1);
        const lines = run.stderr.trim().split('\n');
        assert.equal(lines.length, 1, run.stderr);
        assert.match(lines[0] ?? '', /^MicrosoftAppId .*GUID/);
        assert.throws(() => readFileSync(join(dir, 'app.zip')), /ENOENT/);
      });
    }
  });
});
