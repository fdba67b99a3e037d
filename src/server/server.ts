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
  /** No app id: nothing is authenticated, so only clients on this machine are served. */
  localMode: boolean;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * In local mode nothing proves who sent an activity, and the bot would send its reply to whatever
 * `serviceUrl` the caller names; only loopback addresses (the Emulator, the Agents Playground, tests)
 * are accepted, so the bot cannot be made to post to another host.
 */
export function isLoopbackUrl(url: string): boolean {
  try {
    return LOOPBACK.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * The HTTP face of the bot: `POST /api/messages` (Bot Framework protocol, through CloudAdapter) and
 * `GET /healthz`. Bodies are size-limited and checked before the adapter sees them.
 */
export function createServer({ adapter, bot, logger, localMode }: ServerDeps): restify.Server {
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
    if (localMode && !isLoopbackUrl((req.body as { serviceUrl: string }).serviceUrl)) {
      res.json(403, { error: 'local mode (no MicrosoftAppId) serves only clients on this machine: the serviceUrl must be a loopback address' });
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
