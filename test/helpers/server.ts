import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App, type AppOverrides } from '../../src/app';
import { parseConfig } from '../../src/config';
import { ConnectorStandIn } from '../../scripts/lib/connectorStandIn';

export interface RunningBot {
  app: App;
  botUrl: string;
  serviceUrl: string;
  connector: ConnectorStandIn;
  stop(): Promise<void>;
}

/** Starts the real server on a free port, with a connector stand-in recording the bot's replies. */
export async function startBot(env: Record<string, string> = {}, overrides: AppOverrides = {}): Promise<RunningBot> {
  const connector = new ConnectorStandIn();
  const serviceUrl = await connector.start();
  const dataDir = mkdtempSync(join(tmpdir(), 'lync-bot-'));
  const app = await createApp(
    parseConfig({ PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: `sqlite:${join(dataDir, 'bot.sqlite')}`, ...env }),
    overrides,
  );
  const port = await app.start();
  return {
    app,
    connector,
    serviceUrl,
    botUrl: `http://127.0.0.1:${port}`,
    stop: async () => {
      await app.stop();
      await connector.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
