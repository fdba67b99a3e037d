import { format } from 'node:util';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from './config';

/** Fields that hold secrets wherever they appear (one level deep; pino's redaction is path-based). */
const REDACT = [
  'authorization', 'headers.authorization', '*.authorization', '*.headers.authorization', 'req.headers.authorization',
  'password', '*.password', 'MicrosoftAppPassword', '*.MicrosoftAppPassword', '*.clientSecret', '*.client_secret',
  'token', '*.token', '*.accessToken', '*.access_token',
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
  return { type: err.name, message: err.message, stack: err.stack, ...(code !== undefined ? { code } : {}), ...(statusCode ?? status) !== undefined ? { statusCode: statusCode ?? status } : {} };
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

/**
 * The process's structured logger: JSON lines (pino) at `LOG_LEVEL`. Secrets never reach the output:
 * known fields are redacted, errors are reduced to name, message, code and stack, and every line is
 * scrubbed of bearer tokens, JWTs and the app password before it is written.
 */
export function createLogger(config: Pick<Config, 'LOG_LEVEL' | 'MicrosoftAppPassword'>, destination?: DestinationStream): Logger {
  const secrets = config.MicrosoftAppPassword && config.MicrosoftAppPassword.length >= 4 ? [config.MicrosoftAppPassword] : [];
  const options: pino.LoggerOptions = {
    level: config.LOG_LEVEL,
    redact: { paths: REDACT, censor: '[redacted]' },
    serializers: { err: serializeError, error: serializeError },
    hooks: { streamWrite: (line) => scrubLine(line, secrets) },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Longest library message kept in a log line. */
const MAX_CONSOLE_TEXT = 2000;

/**
 * botbuilder writes some failures straight to the console (a stack for every expired token, for
 * instance). In the server, those go through the logger instead, as warnings: one JSON line each,
 * scrubbed like every other line, and cut at 2,000 characters.
 */
export function routeConsoleToLogger(logger: Logger, target: Pick<Console, 'error' | 'warn'> = console): void {
  const forward = (...args: unknown[]): void => {
    const text = format(...args);
    logger.warn({ library: text.length > MAX_CONSOLE_TEXT ? `${text.slice(0, MAX_CONSOLE_TEXT)}…` : text }, 'library message');
  };
  target.error = forward;
  target.warn = forward;
}
