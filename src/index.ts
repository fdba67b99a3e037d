import { createApp, type App } from './app';
import { loadConfig, type Config } from './config';
import { asCodedError } from './errors';
import { routeConsoleToLogger } from './logger';

/**
 * Start-up failed: one line per problem on stderr (a coded error's own lines; anything else wrapped in
 * `StartupFailedError`), the stack only with LOG_LEVEL=debug or trace, then exit 1. Straight to stderr,
 * not through the logger: this is for a person at a terminal or reading a container's log.
 */
function fail(err: unknown, config?: Config): never {
  const coded = asCodedError(err);
  for (const line of coded.lines()) process.stderr.write(`${line}\n`);
  if (config?.LOG_LEVEL === 'debug' || config?.LOG_LEVEL === 'trace') {
    const original = coded.cause instanceof Error ? coded.cause : coded;
    process.stderr.write(`${original.stack ?? String(original)}\n`);
  }
  process.exit(1);
}

/**
 * SIGTERM and SIGINT, from the very start: before the app is up, a signal lets start-up finish (or stops
 * it at the next step) and then stops cleanly, exit 0; once it is up, the app stops and the process exits
 * 0. The handlers are installed once: a second signal ends the process outright.
 */
let stopSignal: NodeJS.Signals | undefined;
let running: App | undefined;
function shutdown(app: App, signal: NodeJS.Signals): void {
  app.logger.info({ signal }, 'shutting down');
  void app.stop().then(() => process.exit(0));
}
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (stopSignal) return;
    stopSignal = signal;
    if (running) shutdown(running, signal);
  });
}

/** Entry point: configuration, then the app; a bad configuration, knowledge base or database stops here. */
async function main(): Promise<void> {
  let config: Config | undefined;
  let app: App;
  try {
    config = loadConfig();
    app = await createApp(config);
  } catch (err) {
    fail(err, config);
  }
  if (stopSignal) {
    // Stopped before the server was started: nothing to drain.
    app.logger.info({ signal: stopSignal }, 'stopped during start-up');
    await app.stop();
    process.exit(0);
  }
  routeConsoleToLogger(app.logger);
  try {
    await app.start();
  } catch (err) {
    await app.stop().catch(() => undefined);
    fail(err, config);
  }
  if (stopSignal) shutdown(app, stopSignal);
  else running = app;
}

void main().catch((err: unknown) => fail(err));
