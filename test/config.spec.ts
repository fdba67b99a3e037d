import { strict as assert } from 'node:assert';
import { isLocalMode, parseConfig } from '../src/config';
import { ConfigInvalidError } from '../src/errors';

describe('config', () => {
  it('has defaults for every variable, and no app id means local mode', () => {
    const c = parseConfig({});
    assert.equal(c.PORT, 3978);
    assert.equal(c.KNOWLEDGE_DIR, './knowledge');
    assert.match(c.DATABASE_URL, /^sqlite:\.\/data\//);
    assert.equal(c.MicrosoftAppType, 'MultiTenant');
    assert.equal(isLocalMode(c), true);
  });

  it('treats an empty app id as absent', () => {
    assert.equal(isLocalMode(parseConfig({ MicrosoftAppId: '  ' })), true);
    assert.equal(isLocalMode(parseConfig({ MicrosoftAppId: 'abc' })), false);
  });

  it('names each bad variable', () => {
    assert.throws(() => parseConfig({ PORT: 'eighty', MicrosoftAppType: 'Other', DATABASE_URL: 'mysql://x' }), (err: unknown) => {
      assert.ok(err instanceof ConfigInvalidError);
      assert.ok(err.problems.some((p) => p.startsWith('PORT:')));
      assert.ok(err.problems.some((p) => p.startsWith('MicrosoftAppType:')));
      assert.ok(err.problems.some((p) => p.startsWith('DATABASE_URL:')));
      return true;
    });
  });

  it('refuses production without an app id, saying why', () => {
    assert.throws(() => parseConfig({ NODE_ENV: 'production' }), (err: unknown) => {
      assert.ok(err instanceof ConfigInvalidError);
      assert.ok(err.problems.some((p) => /^MicrosoftAppId: required when NODE_ENV=production/.test(p)), err.problems.join('\n'));
      return true;
    });
    assert.equal(isLocalMode(parseConfig({ NODE_ENV: 'production', MicrosoftAppId: '00000000-0000-0000-0000-000000000001' })), false);
  });

  it('requires a tenant for SingleTenant', () => {
    assert.throws(() => parseConfig({ MicrosoftAppId: 'a', MicrosoftAppType: 'SingleTenant' }), /MicrosoftAppTenantId/);
  });
});
