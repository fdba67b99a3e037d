import { strict as assert } from 'node:assert';
import { isLocalMode, parseConfig } from '../src/config';
import { botFrameworkAuthentication } from '../src/server/authentication';
import { ConfigInvalidError } from '../src/errors';

describe('config', () => {
  it('has defaults for every variable, and no app id means local mode', () => {
    const c = parseConfig({});
    assert.equal(c.PORT, 3978);
    assert.equal(c.PLAYGROUND_PORT, 56150);
    assert.equal(parseConfig({ PLAYGROUND_PORT: '0' }).PLAYGROUND_PORT, 0);
    assert.throws(() => parseConfig({ PLAYGROUND_PORT: '70000' }), /PLAYGROUND_PORT/);
    assert.equal(c.KNOWLEDGE_DIR, './knowledge');
    assert.match(c.DATABASE_URL, /^sqlite:\.\/data\//);
    assert.equal(c.MicrosoftAppType, 'MultiTenant');
    assert.equal(isLocalMode(c), true);
  });

  it('treats an empty app id as absent', () => {
    assert.equal(isLocalMode(parseConfig({ MicrosoftAppId: '  ' })), true);
    assert.equal(isLocalMode(parseConfig({ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'secret' })), false);
  });

  it('names each bad variable', () => {
    assert.throws(
      () => parseConfig({ PORT: 'eighty', MicrosoftAppType: 'Other', DATABASE_URL: 'mysql://x' }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigInvalidError);
        assert.ok(err.problems.some((p) => p.startsWith('PORT:')));
        assert.ok(err.problems.some((p) => p.startsWith('MicrosoftAppType:')));
        assert.ok(err.problems.some((p) => p.startsWith('DATABASE_URL:')));
        return true;
      },
    );
  });

  it('refuses production without an app id, saying why', () => {
    assert.throws(
      () => parseConfig({ NODE_ENV: 'production' }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigInvalidError);
        assert.ok(
          err.problems.some((p) => /^MicrosoftAppId: required when NODE_ENV=production/.test(p)),
          err.problems.join('\n'),
        );
        return true;
      },
    );
    assert.equal(
      isLocalMode(
        parseConfig({ NODE_ENV: 'production', MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'secret' }),
      ),
      false,
    );
  });

  it('requires a tenant for SingleTenant', () => {
    assert.throws(
      () => parseConfig({ MicrosoftAppId: 'a', MicrosoftAppPassword: 'p', MicrosoftAppType: 'SingleTenant' }),
      /MicrosoftAppTenantId/,
    );
  });

  it('asks, for each app type, for what botbuilder needs, naming the variable', () => {
    const id = { MicrosoftAppId: '00000000-0000-0000-0000-000000000001' };
    const problems = (env: Record<string, string>): string[] => {
      try {
        parseConfig(env);
        return [];
      } catch (err) {
        return (err as ConfigInvalidError).problems;
      }
    };
    assert.deepEqual(problems({ ...id, MicrosoftAppPassword: 'p' }), []);
    assert.deepEqual(problems({ ...id }), [
      'MicrosoftAppPassword: required when MicrosoftAppId is set and MicrosoftAppType is MultiTenant (the bot needs it to send its replies)',
    ]);
    assert.deepEqual(problems({ ...id, MicrosoftAppPassword: 'p', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: 't' }), []);
    assert.deepEqual(problems({ ...id, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' }), []);
    assert.deepEqual(problems({ ...id, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppPassword: 'p' }), [
      'MicrosoftAppTenantId: required when MicrosoftAppType is UserAssignedMSI',
      'MicrosoftAppPassword: must not be set when MicrosoftAppType is UserAssignedMSI (the managed identity is the credential)',
    ]);
    // Local mode needs none of them.
    assert.deepEqual(problems({ MicrosoftAppType: 'SingleTenant' }), []);
  });

  it("builds botbuilder's authentication for every app type it accepts", () => {
    const id = '00000000-0000-0000-0000-000000000001';
    for (const env of [
      { MicrosoftAppId: id, MicrosoftAppPassword: 'p' },
      {
        MicrosoftAppId: id,
        MicrosoftAppPassword: 'p',
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: '00000000-0000-0000-0000-000000000002',
      },
      { MicrosoftAppId: id, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: '00000000-0000-0000-0000-000000000002' },
    ]) {
      const c = parseConfig(env);
      assert.doesNotThrow(() => botFrameworkAuthentication(c), c.MicrosoftAppType);
    }
  });

  it('reads ALLOWED_TENANT_IDS as a list of tenant ids (empty: any tenant), naming a bad one', () => {
    assert.deepEqual(parseConfig({}).ALLOWED_TENANT_IDS, []);
    assert.deepEqual(parseConfig({ ALLOWED_TENANT_IDS: ' , ' }).ALLOWED_TENANT_IDS, []);
    assert.deepEqual(
      parseConfig({ ALLOWED_TENANT_IDS: ' 72F988BF-86F1-41AF-91AB-2D7CD011DB47,deadbeef-1111-4222-8333-444455556666 ,' })
        .ALLOWED_TENANT_IDS,
      ['72f988bf-86f1-41af-91ab-2d7cd011db47', 'deadbeef-1111-4222-8333-444455556666'],
    );
    assert.throws(
      () => parseConfig({ ALLOWED_TENANT_IDS: 'contoso.onmicrosoft.com' }),
      /ALLOWED_TENANT_IDS\.0: expected tenant ids \(GUIDs\)/,
    );
  });

  it('reads LOG_FORMAT (auto by default) and an optional METRICS_TOKEN, naming a bad one', () => {
    assert.equal(parseConfig({}).LOG_FORMAT, 'auto');
    assert.equal(parseConfig({ LOG_FORMAT: 'json' }).LOG_FORMAT, 'json');
    assert.throws(
      () => parseConfig({ LOG_FORMAT: 'yaml' }),
      (err: unknown) =>
        err instanceof ConfigInvalidError && err.lines()[0]?.startsWith('LOG_FORMAT: ') === true && err.lines().length === 1,
    );
    assert.equal(parseConfig({ METRICS_TOKEN: '' }).METRICS_TOKEN, undefined);
    assert.equal(parseConfig({ METRICS_TOKEN: ' 0123456789abcdef ' }).METRICS_TOKEN, '0123456789abcdef');
  });

  it('keeps data 90 days by default, at least 1', () => {
    assert.equal(parseConfig({}).DATA_RETENTION_DAYS, 90);
    assert.equal(parseConfig({ DATA_RETENTION_DAYS: '1' }).DATA_RETENTION_DAYS, 1);
    assert.throws(() => parseConfig({ DATA_RETENTION_DAYS: '0' }), /DATA_RETENTION_DAYS:/);
    assert.throws(() => parseConfig({ DATA_RETENTION_DAYS: '1.5' }), /DATA_RETENTION_DAYS:/);
  });
});
