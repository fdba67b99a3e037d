import type Restify from 'restify';

/** The one warning dropped: restify 11 → spdy → http-deceiver reads Node's internal HTTP parser. */
const HTTP_PARSER_DEPRECATION = /process\.binding\('http_parser'\)/;

/**
 * restify, loaded without the deprecation warning (DEP0111) Node prints twice on every start because
 * restify's spdy dependency (http-deceiver) calls `process.binding('http_parser')`: library internals an
 * operator can do nothing about, and noise before the bot's first line. Only that warning is dropped,
 * and only while restify loads; every other warning goes through.
 */
function loadQuietly(): typeof Restify {
  const emit = process.emitWarning;
  process.emitWarning = function quiet(this: NodeJS.Process, warning: string | Error, ...rest: unknown[]): void {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (HTTP_PARSER_DEPRECATION.test(text)) return;
    (emit as (w: string | Error, ...r: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    return require('restify') as typeof Restify;
  } finally {
    process.emitWarning = emit;
  }
}

export const restify = loadQuietly();
