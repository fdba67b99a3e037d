import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotEnv } from 'dotenv';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigInvalidError } from './errors';

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

/**
 * The whole configuration, read from the environment (and `.env` when present). This module is the
 * only place that reads `process.env`; everything else receives a `Config`.
 */
export const ConfigSchema = z
  .object({
    /** Bot's Microsoft app id. Empty means local mode: no authentication (Emulator, Agents Playground). */
    MicrosoftAppId: optionalString,
    MicrosoftAppPassword: optionalString,
    /** How the bot authenticates, as botbuilder understands it. */
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    /** Required for SingleTenant. */
    MicrosoftAppTenantId: optionalString,
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    /** Port of the Microsoft 365 Agents Playground's UI and connector (`npm run playground`); 0: any free port. */
    PLAYGROUND_PORT: z.coerce.number().int().min(0).max(65535).default(56150),
    /**
     * Address the HTTP server binds. Default: 127.0.0.1 in local mode (nothing is authenticated), every
     * interface with an app id.
     */
    HOST: z
      .string()
      .trim()
      .regex(/^[^\s/]*$/, 'expected an address or host name, e.g. 127.0.0.1 or 0.0.0.0')
      .optional()
      .transform((v) => (v === '' ? undefined : v)),
    /**
     * Tenants (Microsoft Entra directory ids) whose users the bot serves, comma-separated; empty: any tenant.
     * Kept lower-case, as the ids are compared.
     */
    ALLOWED_TENANT_IDS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((id) => id.trim().toLowerCase())
          .filter((id) => id !== ''),
      )
      .pipe(
        z.array(
          z
            .string()
            .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'expected tenant ids (GUIDs) separated by commas'),
        ),
      ),
    /** Days after which unanswered questions, feedback and idle conversations' state are deleted. */
    DATA_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(90),
    /**
     * The experts' Teams channel (its conversation id, `19:…@thread.tacv2`), where "Ask an expert" posts
     * tickets. A channel chosen in chat by a team owner ("use this channel for expert questions") replaces it.
     */
    EXPERTS_CONVERSATION_ID: optionalString.pipe(
      z
        .string()
        .regex(/^19:[^\s;]+$/, 'expected a Teams channel conversation id such as 19:abc…@thread.tacv2 (without ;messageid=…)')
        .optional(),
    ),
    /** Days after its last change when a ticket (the question, the note, the answer) is deleted. */
    EXPERT_TICKET_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(90),
    /** Folder holding the knowledge base. */
    KNOWLEDGE_DIR: z.string().trim().min(1).default('./knowledge'),
    /** `sqlite:<file>` (default, under ./data/) or `postgres://…`. */
    DATABASE_URL: z
      .string()
      .trim()
      .min(1)
      .default('sqlite:./data/bot.sqlite')
      .refine((v) => /^(sqlite:|postgres(ql)?:\/\/)/.test(v), 'expected sqlite:<file> or postgres://…'),
    /** How often the reminder scheduler looks for due sends (ms). */
    REMINDER_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(1000),
    /** Proactive messages per second across all conversations; 0 for no limit. */
    REMINDERS_PER_SECOND: z.coerce.number().min(0).max(10_000).default(20),
    /** Minimum interval between two reminders to one conversation (ms); Teams throttles beyond 7/s. */
    REMINDER_CONVERSATION_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
    /** How long a claimed send is held before another replica may take it over (ms). */
    REMINDER_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
    /** Reminder sends in flight at once per process. */
    REMINDER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
    /** A reminder delivered more than this long after its time (the bot was down) says that it comes late (ms). */
    REMINDER_LATE_AFTER_MS: z.coerce.number().int().min(0).max(86_400_000).default(300_000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** `auto`: readable lines when stdout is a terminal, JSON otherwise; `json` or `pretty` to choose. */
    LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
    /** When set, `GET /metrics` requires `Authorization: Bearer <this>`; unset, it is open (see README). */
    METRICS_TOKEN: optionalString.pipe(
      z.string().min(16, 'expected at least 16 characters (a random token, e.g. openssl rand -hex 24)').optional(),
    ),
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  })
  .superRefine((c, ctx) => {
    // What botbuilder asserts for each app type (it would stop start-up with an AssertionError).
    if (c.MicrosoftAppId) {
      const type = c.MicrosoftAppType;
      if (type !== 'MultiTenant' && !c.MicrosoftAppTenantId) {
        ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: `required when MicrosoftAppType is ${type}` });
      }
      if (type === 'UserAssignedMSI' && c.MicrosoftAppPassword) {
        ctx.addIssue({
          code: 'custom',
          path: ['MicrosoftAppPassword'],
          message: 'must not be set when MicrosoftAppType is UserAssignedMSI (the managed identity is the credential)',
        });
      }
      if (type !== 'UserAssignedMSI' && !c.MicrosoftAppPassword) {
        ctx.addIssue({
          code: 'custom',
          path: ['MicrosoftAppPassword'],
          message: `required when MicrosoftAppId is set and MicrosoftAppType is ${type} (the bot needs it to send its replies)`,
        });
      }
    }
    // An empty app id silently turns Bot Framework authentication off: never in production.
    if (c.NODE_ENV === 'production' && !c.MicrosoftAppId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppId'],
        message:
          'required when NODE_ENV=production (without it botbuilder accepts unauthenticated requests); set it, or run without NODE_ENV=production for local clients',
      });
    }
  });
export type Config = z.infer<typeof ConfigSchema>;

/** Parses a configuration; throws `ConfigInvalidError` naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = ConfigSchema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigInvalidError(result.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
}

/** The process environment, with `.env` (in the working directory) filling variables it does not set. */
export function readEnvironment(cwd = process.cwd()): Record<string, string | undefined> {
  const file = resolve(cwd, '.env');
  const fromFile = existsSync(file) ? parseDotEnv(readFileSync(file)) : {};
  return { ...fromFile, ...process.env };
}

/** The configuration from the environment and `.env`; throws `ConfigInvalidError` naming each bad variable. */
export function loadConfig(cwd = process.cwd()): Config {
  return parseConfig(readEnvironment(cwd));
}

/** Local mode: no app id, so no Bot Framework authentication (for local clients only). */
export function isLocalMode(config: Config): boolean {
  return config.MicrosoftAppId === undefined;
}

/**
 * The address to listen on: `HOST`, else loopback in local mode (nobody else should reach an
 * unauthenticated bot), else undefined (every interface, as Node does by default).
 */
export function listenHost(config: Config): string | undefined {
  return config.HOST ?? (isLocalMode(config) ? '127.0.0.1' : undefined);
}
