import { createApp } from './app';
import { loadConfig } from './config';
import { CodedError } from './errors';

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
  await app.start();
  const shutdown = (signal: string): void => {
    app.logger.info({ signal }, 'shutting down');
    void app.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

void main();
