import { format } from 'node:util';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from './config';

/** Fields that hold secrets wherever they appear (one level deep; pino's redaction is path-based). */
const REDACT = [
  'authorization',
  'headers.authorization',
  '*.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'password',
  '*.password',
  'MicrosoftAppPassword',
  '*.MicrosoftAppPassword',
  '*.clientSecret',
  '*.client_secret',
  'token',
  '*.token',
  '*.accessToken',
  '*.access_token',
];

/** A bearer token or a JWT, wherever it ended up in a line (an error message, a URL). */
const TOKEN_TEXT = /\b(Bearer\s+)[\w.~+/=-]+|\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g;

/**
 * Keeps what explains an error and drops the rest: HTTP client errors carry their request, headers
 * (with the Authorization header) included.
 */
function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const { code, statusCode, status } = err as Error & { code?: unknown; statusCode?: unknown; status?: unknown };
  return {
    type: err.name,
    message: err.message,
    stack: err.stack,
    ...(code !== undefined ? { code } : {}),
    ...((statusCode ?? status) !== undefined ? { statusCode: statusCode ?? status } : {}),
  };
}

/** Removes tokens and the app password from a finished log line (the last line of defence). */
export function scrubLine(line: string, secrets: readonly string[]): string {
  let out = line.replace(TOKEN_TEXT, (_m, bearer: string | undefined) => (bearer ? `${bearer}[redacted]` : '[redacted]'));
  for (const secret of secrets) {
    const inJson = JSON.stringify(secret).slice(1, -1);
    out = out.split(secret).join('[redacted]');
    if (inJson !== secret) out = out.split(inJson).join('[redacted]');
  }
  return out;
}

/** `LOG_FORMAT` and the destination decide: pretty lines for a person at a terminal, JSON otherwise. */
export function logFormat(setting: Config['LOG_FORMAT'] | undefined, isTTY: boolean): 'json' | 'pretty' {
  if (setting === 'json' || setting === 'pretty') return setting;
  return isTTY ? 'pretty' : 'json';
}

/**
 * A destination that turns each JSON line into pino-pretty's one-line text (time, level, message, then
 * the fields), synchronously, so that a line written just before the process exits is not lost.
 * pino-pretty is loaded only here: a JSON logger (a service, the tests) never loads it.
 */
function prettyDestination(out: DestinationStream, colorize: boolean): DestinationStream {
  const { prettyFactory } = require('pino-pretty') as typeof import('pino-pretty');
  const pretty = prettyFactory({ colorize, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname', singleLine: true });
  return {
    write: (line: string) => {
      out.write(pretty(line));
    },
  };
}

/**
 * The process's structured logger at `LOG_LEVEL`: JSON lines (pino), or pino-pretty's text when stdout
 * is a terminal (`LOG_FORMAT=auto`, the default) or `LOG_FORMAT=pretty`. Secrets never reach the output:
 * known fields are redacted, errors are reduced to name, message, code and stack, and every line is
 * scrubbed of bearer tokens, JWTs and the app password (and `METRICS_TOKEN`) before it is written or
 * made pretty. A given `destination` (tests) gets JSON unless `LOG_FORMAT=pretty`.
 */
export function createLogger(
  config: Pick<Config, 'LOG_LEVEL' | 'MicrosoftAppPassword'> & Partial<Pick<Config, 'LOG_FORMAT' | 'METRICS_TOKEN'>>,
  destination?: DestinationStream,
): Logger {
  const secrets = [config.MicrosoftAppPassword, config.METRICS_TOKEN].filter((s): s is string => s !== undefined && s.length >= 4);
  const options: pino.LoggerOptions = {
    level: config.LOG_LEVEL,
    redact: { paths: REDACT, censor: '[redacted]' },
    serializers: { err: serializeError, error: serializeError },
    hooks: { streamWrite: (line) => scrubLine(line, secrets) },
  };
  const isTTY = destination === undefined && process.stdout.isTTY === true;
  if (logFormat(config.LOG_FORMAT, isTTY) === 'pretty') {
    return pino(options, prettyDestination(destination ?? pino.destination({ fd: 1, sync: true }), isTTY));
  }
  return destination ? pino(options, destination) : pino(options);
}

/** Longest library message kept in a log line. */
const MAX_CONSOLE_TEXT = 2000;

/** PEM blocks (botbuilder prints every published signing key when a token's key is not among them). */
const PEM_BLOCK = /-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g;

/**
 * What botbuilder prints about a token it refused: the 401 is already logged, with its reason, by the
 * server ("unauthorized request"), so these are details for debugging, not warnings.
 */
const TOKEN_REFUSAL = /^(TokenExpiredError|Error finding key for token)/;

/**
 * botbuilder writes some failures straight to the console (a stack for every expired token, every
 * published key for a token signed by another). In the server, those go through the logger instead:
 * one line each, scrubbed like every other line, PEM keys elided, cut at 2,000 characters; at debug
 * level for refused tokens, as warnings otherwise. Returns a function that puts the console back.
 */
export function routeConsoleToLogger(logger: Logger, target: Pick<Console, 'error' | 'warn'> = console): () => void {
  const { error, warn } = target;
  const forward = (...args: unknown[]): void => {
    const text = format(...args).replace(PEM_BLOCK, '[key]');
    const library = text.length > MAX_CONSOLE_TEXT ? `${text.slice(0, MAX_CONSOLE_TEXT)}…` : text;
    if (TOKEN_REFUSAL.test(text)) logger.debug({ library }, 'library message');
    else logger.warn({ library }, 'library message');
  };
  target.error = forward;
  target.warn = forward;
  return () => {
    target.error = error;
    target.warn = warn;
  };
}
