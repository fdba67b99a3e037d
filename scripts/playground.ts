/**
 * `npm run playground`: the bot (src/index.ts through tsx, no build) and the Microsoft 365 Agents
 * Playground pointed at it as a Teams client. Open the printed URL; Ctrl-C stops both.
 *
 * The bot runs in local mode (no authentication) whatever `.env` says: the Playground is a client on
 * this machine, like the Emulator. Nothing leaves the machine: the Playground's telemetry is off
 * (see offlineEnv) and it opens no browser by itself. Its log goes to build/playground/.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../src/config';
import { CodedError } from '../src/errors';
import { startPlayground, stopper, waitForHttp, type RunningPlayground } from './lib/playground';

const ROOT = resolve(__dirname, '..');

async function main(): Promise<void> {
  let port: number;
  let playgroundPort: number;
  let hadAppId: boolean;
  try {
    const config = loadConfig();
    port = config.PORT;
    playgroundPort = config.PLAYGROUND_PORT;
    hadAppId = config.MicrosoftAppId !== undefined;
  } catch (err) {
    if (err instanceof CodedError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  if (hadAppId) console.log('MicrosoftAppId is set; for the Playground the bot runs in local mode anyway (no authentication).');

  // An empty app id overrides .env (the environment wins), which is what local mode needs.
  const bot = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, PORT: String(port), MicrosoftAppId: '', MicrosoftAppPassword: '' },
  });
  const stopBot = stopper(bot);
  let playground: RunningPlayground | undefined;
  let stopping = false;
  const stopAll = async (code: number): Promise<never> => {
    stopping = true;
    await Promise.all([playground?.stop(), stopBot()]);
    process.exit(code);
  };
  bot.once('exit', (code) => {
    if (stopping) return;
    console.error(`The bot stopped (exit code ${code ?? 'none'}).`);
    void stopAll(1);
  });
  // Ctrl-C reaches the whole process group; the children stop by themselves, this waits for them.
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  try {
    await waitForHttp(`http://localhost:${port}/healthz`, 60_000);
    const logDir = join(ROOT, 'build', 'playground');
    mkdirSync(logDir, { recursive: true });
    playground = await startPlayground({
      endpoint: `http://localhost:${port}/api/messages`,
      channel: 'msteams',
      port: playgroundPort,
      logFile: join(logDir, 'm365agentsplayground.log'),
      cwd: ROOT,
      env: process.env,
    });
  } catch (err) {
    if (stopping) return;
    console.error(err instanceof Error ? err.message : String(err));
    await stopAll(1);
  }
  if (!playground) return;
  console.log(`\nMicrosoft 365 Agents Playground (Teams channel): ${playground.url}`);
  console.log(`Bot: http://localhost:${port}/api/messages. Playground log: ${playground.logFile}. Ctrl-C stops both.\n`);
}

void main();
