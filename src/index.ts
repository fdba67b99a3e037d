import { createApp } from './app';
import { loadConfig } from './config';
import { CodedError } from './errors';
import { routeConsoleToLogger } from './logger';

/** Entry point: configuration, then the app; a bad configuration or knowledge base stops here. */
async function main(): Promise<void> {
  let app;
  try {
    app = await createApp(loadConfig());
  } catch (err) {
    if (err instanceof CodedError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  routeConsoleToLogger(app.logger);
  try {
    await app.start();
  } catch (err) {
    const code = (err as { code?: string }).code;
    // Straight to stderr: the console now goes through the logger, and this is for a person at a terminal.
    process.stderr.write(`${code === 'EADDRINUSE' ? `Port ${app.config.PORT} is already in use: stop the other process or set PORT.` : String((err as Error).stack ?? err)}\n`);
    await app.stop().catch(() => undefined);
    process.exit(1);
  }
  const shutdown = (signal: string): void => {
    app.logger.info({ signal }, 'shutting down');
    void app.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

void main();
