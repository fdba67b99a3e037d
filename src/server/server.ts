import { randomUUID } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import type { Activity, ActivityHandlerBase, TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { Logger } from 'pino';
import restify, { type Server as RestifyServer, type Request as RestifyRequest } from 'restify';
import { validateAndFixActivity } from '../framework';
import { parseActivity } from './activityGuard';
import type { BotAdapter } from './botAdapter';
import { countTurn } from '../observability/turnMetrics';
import { addProbes, type ProbeDeps } from './probes';
import { looksLikeBearerJwt } from './tokenShape';
import { TURN_LOGGER } from './turnLogger';

/** Paths polled by orchestrators and scrapers. */
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/** Largest accepted request body. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface ServerDeps extends ProbeDeps {
  adapter: BotAdapter;
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

/** Whether a listening address is reachable from this machine only (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (isIPv4(h)) return h.startsWith('127.');
  if (isIPv6(h)) return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(h);
  return h === 'localhost';
}

/** A caller's `x-request-id` is kept when it is a plain token; otherwise the server makes one. */
const REQUEST_ID = /^[\w.:-]{1,64}$/;

/** Errors thrown while checking a token's signature or dates (jsonwebtoken's names). */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/**
 * The HTTP face of the bot: `POST /api/messages` (Bot Framework protocol, through CloudAdapter), and
 * `GET /healthz`, `GET /readyz`, `GET /metrics` (probes.ts). Bodies are size-limited and checked before the adapter sees them.
 *
 * Every request gets an id (`x-request-id`, echoed in the response) carried by each log line about it,
 * including the turn's. Responses never carry an exception's text:
 * - no token, a token that does not verify, has expired, or names another bot: 401;
 * - the token cannot be checked because the Bot Framework's signing keys cannot be fetched: 503;
 * - anything else that fails before or around the turn: 500 (a failing turn itself is answered by
 *   onTurnError and still gets 200).
 */
export function createServer({ adapter, bot, logger, localMode, ...probes }: ServerDeps): RestifyServer {
  const requestLogs = new WeakMap<RestifyRequest, Logger>();
  const server = restify.createServer({ name: 'lync-compat-bot', handleUncaughtExceptions: false });
  server.pre((req, res, next) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    const log = logger.child({ reqId: id });
    const started = process.hrtime.bigint();
    res.setHeader('x-request-id', id);
    res.once('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const path = req.getPath();
      // An orchestrator probes every few seconds: successful probes only at debug level.
      const level = PROBES.has(path) && res.statusCode < 400 ? 'debug' : 'info';
      log[level]({ method: req.method, path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    requestLogs.set(req, log);
    next();
  });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));

  addProbes(server, probes);

  server.post('/api/messages', async (req, res) => {
    const received = process.hrtime.bigint();
    const log = requestLogs.get(req) ?? logger;
    const parsed = parseActivity(req.body);
    if (parsed.problem !== undefined) {
      res.json(400, { error: 'invalid activity', detail: parsed.problem });
      return;
    }
    const body = parsed.activity;
    if (localMode && !isLoopbackUrl(body.serviceUrl)) {
      res.json(403, {
        error: 'local mode (no MicrosoftAppId) serves only clients on this machine: the serviceUrl must be a loopback address',
      });
      return;
    }
    // Timestamps arrive as strings; botbuilder's turn code expects dates (its own `process` does this).
    const activity = validateAndFixActivity(body as unknown as Activity);
    const authHeader = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    if (authHeader !== '' && !looksLikeBearerJwt(authHeader)) {
      log.info(
        { reason: 'malformed Authorization header', activityType: activity.type, channelId: activity.channelId },
        'unauthorized request',
      );
      res.json(401, { error: 'unauthorized' });
      return;
    }
    let turnStarted = false;
    const logic = async (context: TurnContext): Promise<void> => {
      turnStarted = true;
      context.turnState.set(TURN_LOGGER, log);
      let failed = true;
      try {
        await bot.run(context);
        failed = false;
      } finally {
        if (probes.metrics) countTurn(probes.metrics, context, received, failed);
      }
    };
    try {
      const invokeResponse = await adapter.handle(authHeader, activity, logic);
      res.status(invokeResponse?.status ?? 200);
      if (invokeResponse?.body !== undefined) res.json(invokeResponse.body);
      else res.end();
    } catch (err) {
      const { status, reason } = classifyFailure(err, turnStarted);
      if (status === 401)
        log.info({ reason: (err as Error).message, activityType: activity.type, channelId: activity.channelId }, 'unauthorized request');
      else log.error({ err, activityType: activity.type, channelId: activity.channelId }, reason);
      if (status === 503) res.setHeader('retry-after', '5');
      if (!res.headersSent) res.json(status, { error: reason });
    }
  });

  return server;
}

/** The status and public reason for an error thrown by the adapter. */
export function classifyFailure(err: unknown, turnStarted: boolean): { status: 401 | 500 | 503; reason: string } {
  if (!turnStarted) {
    const name = (err as { name?: string } | undefined)?.name ?? '';
    if (err instanceof AuthenticationError) {
      // botbuilder raises AuthenticationError with status 500 when the signing keys cannot be loaded.
      return err.statusCode === 401
        ? { status: 401, reason: 'unauthorized' }
        : { status: 503, reason: 'cannot verify the token now; try again later' };
    }
    if (TOKEN_ERRORS.has(name)) return { status: 401, reason: 'unauthorized' };
    // The OpenID metadata or signing keys could not be fetched (network).
    if (name === 'FetchError' || (err as { type?: string } | undefined)?.type === 'system') {
      return { status: 503, reason: 'cannot verify the token now; try again later' };
    }
  }
  return { status: 500, reason: 'internal error' };
}
