import type { CloudAdapter, ActivityHandlerBase } from 'botbuilder';
import type { Logger } from 'pino';
import restify from 'restify';
import { activityProblem } from './activityGuard';

/** Largest accepted request body. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface ServerDeps {
  adapter: CloudAdapter;
  bot: ActivityHandlerBase;
  logger: Logger;
}

/**
 * The HTTP face of the bot: `POST /api/messages` (Bot Framework protocol, through CloudAdapter) and
 * `GET /healthz`. Bodies are size-limited and checked before the adapter sees them.
 */
export function createServer({ adapter, bot, logger }: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'lync-compat-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));

  server.get('/healthz', async (_req, res) => {
    res.json(200, { status: 'ok' });
  });

  server.post('/api/messages', async (req, res) => {
    const problem = activityProblem(req.body);
    if (problem) {
      res.json(400, { error: 'invalid activity', detail: problem });
      return;
    }
    try {
      await adapter.process(req, res, (context) => bot.run(context));
    } catch (err) {
      // The adapter throws only on requests it cannot handle; the turn's own errors go to onTurnError.
      logger.warn({ err }, 'request refused by the adapter');
      if (!res.headersSent) res.json(400, { error: 'invalid request' });
    }
  });

  return server;
}
