import { createHash, timingSafeEqual } from 'node:crypto';
import type restify from 'restify';
import type { BotMetrics } from '../observability/metrics';
import type { Readiness } from '../observability/readiness';

export interface ProbeDeps {
  /** `GET /readyz`: the database, the knowledge base, the schedulers. */
  readiness?: () => Promise<Readiness>;
  /** `GET /metrics`: the app's registry. */
  metrics?: BotMetrics;
  /** When set, `GET /metrics` answers 401 without `Authorization: Bearer <token>`. */
  metricsToken?: string | undefined;
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** Compares the presented bearer token with the expected one in constant time. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const presented = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

/**
 * The probes an orchestrator calls: `GET /healthz` (the process answers: liveness), `GET /readyz` (it
 * can serve: readiness, 503 naming what fails) and `GET /metrics` (Prometheus text). None of them
 * touches the Bot Framework; none carries an exception's text.
 */
export function addProbes(server: restify.Server, { readiness, metrics, metricsToken }: ProbeDeps): void {
  server.get('/healthz', async (_req, res) => {
    res.json(200, { status: 'ok' });
  });

  if (readiness) {
    server.get('/readyz', async (_req, res) => {
      const state = await readiness();
      res.setHeader('cache-control', 'no-store');
      res.json(state.status === 'ready' ? 200 : 503, state);
    });
  }

  if (metrics) {
    server.get('/metrics', async (req, res) => {
      if (metricsToken !== undefined && !bearerMatches(req.headers.authorization, metricsToken)) {
        res.setHeader('www-authenticate', 'Bearer realm="metrics"');
        res.json(401, { error: 'unauthorized' });
        return;
      }
      const { contentType, body } = await metrics.exposition();
      res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
      res.end(body);
    });
  }
}
