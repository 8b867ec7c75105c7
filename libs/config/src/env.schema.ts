import { createPrivateKey, KeyObject } from 'node:crypto';
import { validateCronExpression } from 'cron';
import { z } from 'zod';

/** The service's roles; a replica runs the ones listed in ROLES. */
export const SERVICE_ROLES = ['api', 'ingest', 'jobs'] as const;
export type ServiceRole = (typeof SERVICE_ROLES)[number];

/** Compression of what the service produces (dead letters, account commands); every codec is decoded when consuming. */
export const KAFKA_COMPRESSIONS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
export type KafkaCompression = (typeof KAFKA_COMPRESSIONS)[number];

const bool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes');

const port = z.coerce.number().int().min(0).max(65535);

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const csv = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

const postgresUrl = optionalString.refine((v) => v === undefined || /^postgres(ql)?:\/\/.+/.test(v), {
  message: 'must be a postgres:// or postgresql:// URL',
});

/** A duration such as 90s, 15m, 24h or 14d, in seconds. */
const duration = z
  .string()
  .regex(/^\d+(s|m|h|d)$/, 'must look like 90s, 15m, 24h or 14d')
  .transform((v) => Number(v.slice(0, -1)) * { s: 1, m: 60, h: 3600, d: 86400 }[v.slice(-1) as 's' | 'm' | 'h' | 'd']);

/** A report schedule: a cron pattern with seconds (6 fields, checked by the scheduler's own parser), or off. */
const reportSchedule = z
  .string()
  .transform((v) => v.trim())
  .refine((v) => v === 'off' || (/^\S+( \S+){5}$/.test(v) && validateCronExpression(v).valid), {
    message: 'must be a cron pattern with seconds (6 fields, e.g. "0 0 7 * * 1") or "off"',
  })
  .transform((v) => (v === 'off' ? undefined : v));

/** Comma-separated email addresses (recipients of reports and urgent notices). */
const emailList = csv.refine((list) => list.every((a) => z.string().email().safeParse(a).success), {
  message: 'must be email addresses separated by commas',
});

const REPORT_KIND_NAMES = ['weekly', 'monthly', 'quarterly', 'on_demand'] as const;
const URGENT_SEVERITY_NAMES = ['low', 'medium', 'high', 'critical'];

/** An RFC 3339 date-time with an explicit offset: a local time without one would be read in the host's zone. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** A 32-byte AES-256 key given as 64 hex digits or base64, or undefined when it is neither. */
export function aes256Key(value: string): Buffer | undefined {
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  return key.length === 32 ? key : undefined;
}

/**
 * Earlier subject hash keys, kept after a rotation so that auditors still find the events stored under them:
 * `id=key` pairs separated by commas (a key id as SUBJECT_HASH_KEY_ID, a key as SUBJECT_HASH_KEY). A problem is
 * returned as words naming the pair by its position, never the key.
 */
export function previousHashKeys(value: string): { id: string; key: string }[] | string {
  const keys: { id: string; key: string }[] = [];
  const pairs = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const [i, pair] of pairs.entries()) {
    const at = pair.indexOf('=');
    const id = at > 0 ? pair.slice(0, at) : '';
    const key = at > 0 ? pair.slice(at + 1) : '';
    if (!/^[A-Za-z0-9._-]{1,32}$/.test(id)) return `pair ${i + 1}: must be id=key with an id of 1-32 letters, digits, dot, dash or underscore`;
    if (key.length < 32) return `pair ${i + 1} (${id}): the key must be at least 32 characters`;
    if (keys.some((k) => k.id === id)) return `pair ${i + 1}: the key id ${id} is given twice`;
    keys.push({ id, key });
  }
  return keys;
}

/** True when Intl knows the IANA time zone name. */
function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** An Ed25519 private key as PEM or base64 PKCS#8 DER, or undefined when it is neither. */
export function ed25519PrivateKey(value: string): KeyObject | undefined {
  try {
    const key = value.includes('-----BEGIN')
      ? createPrivateKey(value)
      : createPrivateKey({ key: Buffer.from(value, 'base64'), format: 'der', type: 'pkcs8' });
    return key.asymmetricKeyType === 'ed25519' ? key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every setting the service reads, keyed by its environment variable.
 * Defaults live in config/defaults.json; the README table documents each one (a test keeps them in step).
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['production', 'development', 'test']),
  PORT: port,
  HOST: z.string().min(1),
  ROLES: csv.pipe(
    z
      .array(z.enum(SERVICE_ROLES, { message: `each role must be one of ${SERVICE_ROLES.join(', ')}` }))
      .min(1, 'at least one role is needed'),
  ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  DATA_DIR: z.string().min(1),
  EMBEDDED_DB_PORT: port,
  DATABASE_URL: postgresUrl,
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200),
  DATABASE_SSL: bool,
  DATABASE_MIGRATE_ON_START: z.enum(['auto', 'true', 'false']),
  KAFKA_BROKERS: optionalString.transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : [])),
  KAFKA_CLIENT_ID: z.string().min(1),
  KAFKA_SSL: bool,
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: optionalString,
  KAFKA_SASL_PASSWORD: optionalString,
  KAFKA_TOPIC: z.string().min(1),
  KAFKA_GROUP_ID: z.string().min(1),
  KAFKA_DLQ_TOPIC: z.string().min(1),
  KAFKA_CONSUMERS: z.coerce.number().int().min(1).max(16),
  KAFKA_COMPRESSION: z.enum(KAFKA_COMPRESSIONS, { message: `must be one of ${KAFKA_COMPRESSIONS.join(', ')}` }),
  KAFKA_STALL_TIMEOUT: duration,
  CORS_ORIGINS: csv,
  CONSOLE_DIR: z.string().min(1),
  HTTP_BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/i, 'must look like 512kb or 10mb'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600000),
  SUBJECT_HASH_KEY: optionalString.refine((v) => v === undefined || v.length >= 32, {
    message: 'must be at least 32 characters (e.g. 64 hex digits)',
  }),
  SUBJECT_HASH_KEY_ID: z.string().regex(/^[A-Za-z0-9._-]{1,32}$/, 'must be 1-32 letters, digits, dot, dash or underscore'),
  SUBJECT_HASH_PREVIOUS_KEYS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const keys = previousHashKeys(v ?? '');
      if (typeof keys === 'string') ctx.addIssue({ code: 'custom', message: keys });
      return typeof keys === 'string' ? [] : keys;
    }),
  SUBJECT_ENCRYPTION_KEY: optionalString.refine((v) => v === undefined || aes256Key(v) !== undefined, {
    message: 'must be 32 bytes, as 64 hex digits or base64',
  }),
  INGEST_MAX_RECORDS_PER_REQUEST: z.coerce.number().int().min(1).max(100000),
  INGEST_FUTURE_SKEW: duration,
  INTEGRITY_SIGNING_KEY: optionalString.refine((v) => v === undefined || ed25519PrivateKey(v) !== undefined, {
    message: 'must be an Ed25519 private key, PEM or base64 PKCS#8',
  }),
  INTEGRITY_SIGN_CRON: z.string().regex(/^\S+( \S+){4,5}$/, 'must be a cron pattern of 5 or 6 fields'),
  RETENTION_YEARS: z.coerce.number().int().min(1).max(100),
  INTEGRITY_JOURNAL_SEAL_INTERVAL: duration,
  DETECTION_STREAMING: bool,
  ACCOUNT_IDLE_MONTHS: z.coerce.number().int().min(1).max(36),
  ACCOUNT_IDLE_LOCK_CRON: z
    .string()
    .regex(/^(\S+\s+){4,5}\S+$/, 'must be a cron pattern of 5 or 6 fields, e.g. "0 30 0 * * *"'),
  ACCOUNT_TIME_ZONE: z.string().refine((v) => isTimeZone(v), { message: 'must be an IANA time zone, e.g. Asia/Ho_Chi_Minh' }),
  ACCOUNT_LOCK_WARNING_DAYS: csv
    .refine((days) => days.every((d) => /^\d{1,3}$/.test(d) && Number(d) >= 1), { message: 'must be whole days, e.g. 14,3' })
    .transform((days) => days.map(Number)),
  ACCOUNT_OBSERVATION_START: optionalString
    .refine((v) => v === undefined || (RFC3339.test(v) && Number.isFinite(Date.parse(v))), {
      message: 'must be a date-time with an offset, e.g. 2026-08-01T00:00:00+07:00',
    })
    .transform((v) => (v === undefined ? undefined : new Date(v))),
  ACCOUNT_MASS_CHANGE_SHARE: z.coerce.number().gt(0, 'must be more than 0').max(1, 'must be at most 1 (a share, e.g. 0.10)'),
  ACCOUNT_MASS_CHANGE_MIN: z.coerce.number().int().min(0),
  ACCOUNT_STATUS_REFRESH: duration,
  ACCOUNT_COMMAND_TOPIC: z.string().min(1),
  ACCOUNT_COMMAND_WEBHOOK_URL: optionalString.refine((v) => v === undefined || /^https?:\/\/.+/.test(v), {
    message: 'must be an http(s) URL',
  }),
  ACCOUNT_COMMAND_WEBHOOK_SECRET: optionalString.refine((v) => v === undefined || v.length >= 16, {
    message: 'must be at least 16 characters',
  }),
  ACCOUNT_COMMAND_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100),
  ACCOUNT_COMMAND_RETRY_BASE: duration,
  ACCOUNT_COMMAND_DELIVERY_INTERVAL: duration,
  SMTP_URL: optionalString.refine((v) => v === undefined || /^smtps?:\/\/.+/.test(v), {
    message: 'must be an smtp:// or smtps:// URL',
  }),
  SMTP_FROM: z.string().min(3),
  AUTH_JWT_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, {
    message: 'must be at least 32 characters',
  }),
  AUTH_ACCESS_TOKEN_TTL: duration,
  AUTH_REFRESH_TOKEN_TTL: duration,
  AUTH_PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(128),
  AUTH_LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(100),
  AUTH_LOCKOUT_DURATION: duration,
  AUTH_API_KEY_TTL: duration,
  AUTH_API_KEY_ROTATION_OVERLAP: duration,
  AUTH_SIGN_IN_RATE_LIMIT: z.coerce.number().int().min(1),
  AUTH_INGEST_RATE_LIMIT: z.coerce.number().int().min(1),
  AUTH_OIDC_ISSUER: optionalString.refine((v) => v === undefined || /^https?:\/\/.+/.test(v), {
    message: 'must be an http(s) URL',
  }),
  AUTH_OIDC_CLIENT_ID: optionalString,
  AUTH_OIDC_JWKS_URL: optionalString.refine((v) => v === undefined || /^https?:\/\/.+/.test(v), {
    message: 'must be an http(s) URL',
  }),
  AUTH_OIDC_USERNAME_CLAIM: z.string().min(1),
  BOOTSTRAP_ADMIN_USERNAME: optionalString,
  BOOTSTRAP_ADMIN_PASSWORD: optionalString,
  BOOTSTRAP_ADMIN_EMAIL: optionalString,
  REPORTS_ORGANISATION_FILE: optionalString,
  REPORTS_WEEKLY_CRON: reportSchedule,
  REPORTS_MONTHLY_CRON: reportSchedule,
  REPORTS_QUARTERLY_CRON: reportSchedule,
  REPORTS_OPEN_ALERT_AGE: duration,
  TRACE_EXACT_COUNT_BUDGET_MS: z.coerce.number().int().min(1).max(60000),
  TRACE_REVEALED_EXPORT_MAX_ROWS: z.coerce.number().int().min(1).max(1000000),
  TRACE_EXPORT_CONCURRENCY: z.coerce.number().int().min(1).max(100),
  TRACE_EXPORT_CONCURRENCY_PER_USER: z.coerce.number().int().min(1).max(100),
  TRACE_EXPORT_STALL_SECONDS: z.coerce.number().int().min(1).max(3600),
  REPORTS_DELIVERY_EMAILS: emailList,
  REPORTS_DELIVERY_WEBHOOK_URL: optionalString.refine((v) => v === undefined || /^https?:\/\/.+/.test(v), {
    message: 'must be an http(s) URL',
  }),
  REPORTS_DELIVERY_WEBHOOK_SECRET: optionalString.refine((v) => v === undefined || v.length >= 16, {
    message: 'must be at least 16 characters',
  }),
  REPORTS_DELIVERY_KINDS: csv.refine((kinds) => kinds.every((k) => (REPORT_KIND_NAMES as readonly string[]).includes(k)), {
    message: `must list report kinds among ${['weekly', 'monthly', 'quarterly', 'on_demand'].join(', ')}`,
  }),
  REPORTS_DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100),
  REPORTS_DELIVERY_RETRY_BASE: duration,
  REPORTS_DELIVERY_INTERVAL: duration,
  REPORTS_PUBLIC_URL: optionalString.refine((v) => v === undefined || /^https?:\/\/[^?#]+$/.test(v), {
    message: 'must be the http(s) URL at which the service is reached, e.g. https://audit.example.gov.vn',
  }),
  REPORTS_URGENT_EMAILS: emailList.optional(),
  REPORTS_URGENT_ALERT_TYPES: csv.refine((types) => types.every((t) => /^[a-z][a-z0-9_]*$/.test(t)), {
    message: 'must list alert types, e.g. locked_account_in_use,enumeration',
  }),
  REPORTS_URGENT_SEVERITIES: csv.refine((s) => s.every((v) => URGENT_SEVERITY_NAMES.includes(v)), {
    message: `must list severities among ${['low', 'medium', 'high', 'critical'].join(', ')}`,
  }),
  INCIDENT_REMINDER_HOURS: csv
    .refine((hours) => hours.every((h) => /^\d{1,2}$/.test(h) && Number(h) >= 1 && Number(h) < 72), {
      message: 'must be whole hours before the 72-hour deadline, each from 1 to 71, e.g. 48,24,6,1',
    })
    .transform((hours) => [...new Set(hours.map(Number))].sort((a, b) => b - a)),
});

export type Env = z.output<typeof envSchema>;
