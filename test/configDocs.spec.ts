import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigSchema, parseConfig } from '../src/config';

const ROOT = join(__dirname, '..');

describe('configuration documents', () => {
  const variables = Object.keys(ConfigSchema.shape);

  it('.env.example names every variable the schema reads', () => {
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
    const named = new Set([...example.matchAll(/^#?\s*([A-Za-z_]+)=/gm)].map((m) => m[1]));
    assert.deepEqual(
      variables.filter((v) => !named.has(v)),
      [],
    );
    assert.deepEqual(
      [...named].filter((v) => !variables.includes(v as string)),
      [],
      'and nothing else',
    );
  });

  it("the README's settings table has a row for every variable (REMINDER_* together)", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const rows = new Set([...readme.matchAll(/^\| `([A-Za-z_*]+)`/gm)].map((m) => m[1]));
    const missing = variables.filter((v) => !rows.has(v) && !(/^REMINDERS?_/.test(v) && rows.has('REMINDER_*')));
    assert.deepEqual(missing, []);
  });

  it('the .env.example values parse as they are', () => {
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
    const env = Object.fromEntries([...example.matchAll(/^([A-Za-z_]+)=(.*)$/gm)].map((m) => [m[1] as string, m[2] as string]));
    assert.ok(Object.keys(env).length > 10);
    assert.doesNotThrow(() => parseConfig(env));
  });
});
