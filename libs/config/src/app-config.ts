import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { aes256Key, Env, envSchema, KafkaCompression, ServiceRole } from './env.schema';
import { loadReportOrganisation, ReportsConfig } from './reports-config';

/** The validated configuration, read once at boot. Nothing else reads process.env. */
export interface AppConfig {
  env: Env['NODE_ENV'];
  http: {
    host: string;
    port: number;
    corsOrigins: string[];
    bodyLimit: string;
    /** The console's built files (index.html and assets/); served at / when the folder exists. */
    consoleDir: string;
  };
  roles: ReadonlySet<ServiceRole>;
  logLevel: Env['LOG_LEVEL'];
  shutdownTimeoutMs: number;
  database: {
    /** Unset: the embedded PGlite under dataDir is used. */
    url?: string;
    poolSize: number;
    ssl: boolean;
    migrateOnStart: boolean;
    embedded: { dataDir: string; port: number };
  };
  kafka?: {
    brokers: string[];
    clientId: string;
    ssl: boolean;
    sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
    topic: string;
    groupId: string;
    dlqTopic: string;
    /** Group members (each with its own fetch loop) per ingest process. */
    consumers: number;
    /** Codec of the messages the service produces. */
    compression: KafkaCompression;
    /** Seconds without contact with the broker after which an ingest replica is not ready. */
    stallTimeout: number;
  };
  /** The citizen's personal ID: keyed hash (always) and encrypted copy (only when a key is set). */
  personalData: {
    /** Unset: a key generated once into secretsDir (embedded default only; required in production on a server). */
    hashKey?: string;
    hashKeyId: string;
    /** Keys of earlier rotations (SUBJECT_HASH_PREVIOUS_KEYS): searched, never written with. */
    previousHashKeys: { id: string; key: string }[];
    encryptionKey?: Buffer;
    secretsDir: string;
  };
  /** futureSkew: seconds an event may lie ahead of its arrival before it is flagged future_time. */
  ingest: { maxRecordsPerRequest: number; futureSkew: number };
  /** Tamper evidence and retention of the audit store. */
  integrity: {
    /** Ed25519 private key (PEM or base64 PKCS#8). Unset: one generated once into secretsDir, with a warning. */
    signingKey?: string;
    signCron: string;
    retentionYears: number;
    /** Seconds between seals of the journal tables (security log, alert actions) into the chain. */
    journalSealInterval: number;
    secretsDir: string;
  };
  /** streaming: run the stream detectors on each committed batch (else only the day scan finds what they find). */
  detection: { streaming: boolean };
  accounts: AccountsConfig;
  /** Unset url: mail is off and messages are only logged. */
  smtp: { url?: string; from: string };
  auth: AuthConfig;
  reports: ReportsConfig;
  /** Auditors' search (docs/trace.md). */
  trace: {
    /** Database time the first page's exact count may take before the estimate answers instead. */
    exactCountBudgetMs: number;
    /** Most rows an export with personal IDs in clear may hold. */
    revealedExportMaxRows: number;
    /** Exports streaming at once in this process, and of them by one user; more are refused (429) until one ends. */
    exportConcurrency: number;
    exportConcurrencyPerUser: number;
    /** An export whose receiver takes nothing for this long is stopped (its transaction and connection let go). */
    exportStallSeconds: number;
  };
  /** Breach incidents: hours before the 72-hour deadline at which the assignees are reminded, largest first. */
  incidents: { reminderHours: number[] };
}

/** Sign-in, tokens, producer API keys and rate limits. Durations in seconds. */
export interface AuthConfig {
  /** Unset: a secret generated once into secretsDir (fine for one replica; set it when running several). */
  jwtSecret?: string;
  secretsDir: string;
  accessTokenTtl: number;
  refreshTokenTtl: number;
  passwordMinLength: number;
  lockout: { threshold: number; duration: number };
  apiKeys: { ttl: number; rotationOverlap: number };
  rateLimits: { signInPerMinute: number; ingestPerMinute: number };
  oidc?: { issuer: string; clientId: string; jwksUrl?: string; usernameClaim: string };
  bootstrapAdmin?: { username: string; password: string; email?: string };
}

/** Account lifecycle: idle lock, warnings, commands to the TTHC system. Durations in seconds. */
export interface AccountsConfig {
  idleMonths: number;
  idleLockCron: string;
  /** Where "3 calendar months" and the job's schedule are evaluated. */
  timeZone: string;
  /** Days before the lock at which the holder and the unit admin are warned, largest first. */
  warningDays: number[];
  /** From when the gateway's logs are complete, as an operator declares it; unset: the earliest stored event. */
  observationStart?: Date;
  /** A run that would lock or remove more than max(min, share × active accounts) waits for a confirmation. */
  massChange: { share: number; min: number };
  statusRefresh: number;
  commands: {
    topic: string;
    webhookUrl?: string;
    webhookSecret?: string;
    maxAttempts: number;
    retryBase: number;
    deliveryInterval: number;
  };
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

/** The repository's config/ folder, found from here whether running from source or from dist/. */
export const CONFIG_DIR = ((): string => {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'config', 'defaults.json'))) return join(dir, 'config');
  }
  throw new Error(`config/defaults.json not found above ${__dirname}`);
})();

function readDefaults(): Record<string, unknown> {
  const { $comment: _comment, ...defaults } = JSON.parse(readFileSync(join(CONFIG_DIR, 'defaults.json'), 'utf8'));
  return defaults;
}

/** Secrets are never echoed back in an error message. */
function describeValue(key: string, value: unknown): string {
  if (value === undefined) return 'not set';
  if (/PASSWORD|SECRET|KEY|TOKEN/.test(key) || key === 'DATABASE_URL') return 'value hidden';
  return `got ${JSON.stringify(value)}`;
}

/**
 * Builds the configuration from environment variables over config/defaults.json.
 * Throws ConfigurationError naming each wrong variable and the problem.
 */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, unknown> = { ...readDefaults() };
  for (const key of Object.keys(envSchema.shape)) {
    if (environment[key] !== undefined) raw[key] = environment[key];
  }
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigurationError(
      parsed.error.issues.map((issue) => {
        const key = String(issue.path[0] ?? '(root)');
        return `${key}: ${issue.message} (${describeValue(key, raw[key])})`;
      }),
    );
  }
  return toAppConfig(parsed.data);
}

function toAppConfig(e: Env): AppConfig {
  const problems: string[] = [];
  if (e.KAFKA_SASL_MECHANISM && !(e.KAFKA_SASL_USERNAME && e.KAFKA_SASL_PASSWORD)) {
    problems.push('KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD: required when KAFKA_SASL_MECHANISM is set');
  }
  problems.push(...authConfigProblems(e));
  const reports = loadReportOrganisation(e.REPORTS_ORGANISATION_FILE, CONFIG_DIR);
  problems.push(...reports.problems);
  if (problems.length) throw new ConfigurationError(problems);
  const dataDir = isAbsolute(e.DATA_DIR) ? e.DATA_DIR : resolve(process.cwd(), e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    http: {
      host: e.HOST,
      port: e.PORT,
      corsOrigins: e.CORS_ORIGINS,
      bodyLimit: e.HTTP_BODY_LIMIT,
      consoleDir: isAbsolute(e.CONSOLE_DIR) ? e.CONSOLE_DIR : resolve(process.cwd(), e.CONSOLE_DIR),
    },
    roles: new Set(e.ROLES),
    logLevel: e.LOG_LEVEL,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    database: {
      url: e.DATABASE_URL,
      poolSize: e.DATABASE_POOL_SIZE,
      ssl: e.DATABASE_SSL,
      migrateOnStart: e.DATABASE_MIGRATE_ON_START === 'auto' ? !e.DATABASE_URL : e.DATABASE_MIGRATE_ON_START === 'true',
      embedded: { dataDir: join(dataDir, 'pglite'), port: e.EMBEDDED_DB_PORT },
    },
    kafka: e.KAFKA_BROKERS.length
      ? {
          brokers: e.KAFKA_BROKERS,
          clientId: e.KAFKA_CLIENT_ID,
          ssl: e.KAFKA_SSL,
          sasl: e.KAFKA_SASL_MECHANISM
            ? { mechanism: e.KAFKA_SASL_MECHANISM, username: e.KAFKA_SASL_USERNAME!, password: e.KAFKA_SASL_PASSWORD! }
            : undefined,
          topic: e.KAFKA_TOPIC,
          groupId: e.KAFKA_GROUP_ID,
          dlqTopic: e.KAFKA_DLQ_TOPIC,
          consumers: e.KAFKA_CONSUMERS,
          compression: e.KAFKA_COMPRESSION,
          stallTimeout: e.KAFKA_STALL_TIMEOUT,
        }
      : undefined,
    personalData: {
      hashKey: e.SUBJECT_HASH_KEY,
      hashKeyId: e.SUBJECT_HASH_KEY_ID,
      previousHashKeys: e.SUBJECT_HASH_PREVIOUS_KEYS,
      encryptionKey: e.SUBJECT_ENCRYPTION_KEY ? aes256Key(e.SUBJECT_ENCRYPTION_KEY) : undefined,
      secretsDir: join(dataDir, 'secrets'),
    },
    ingest: { maxRecordsPerRequest: e.INGEST_MAX_RECORDS_PER_REQUEST, futureSkew: e.INGEST_FUTURE_SKEW },
    integrity: {
      signingKey: e.INTEGRITY_SIGNING_KEY,
      signCron: e.INTEGRITY_SIGN_CRON,
      retentionYears: e.RETENTION_YEARS,
      journalSealInterval: e.INTEGRITY_JOURNAL_SEAL_INTERVAL,
      secretsDir: join(dataDir, 'secrets'),
    },
    detection: { streaming: e.DETECTION_STREAMING },
    accounts: toAccountsConfig(e),
    smtp: { url: e.SMTP_URL, from: e.SMTP_FROM },
    auth: toAuthConfig(e, join(dataDir, 'secrets')),
    trace: {
      exactCountBudgetMs: e.TRACE_EXACT_COUNT_BUDGET_MS,
      revealedExportMaxRows: e.TRACE_REVEALED_EXPORT_MAX_ROWS,
      exportConcurrency: e.TRACE_EXPORT_CONCURRENCY,
      exportConcurrencyPerUser: e.TRACE_EXPORT_CONCURRENCY_PER_USER,
      exportStallSeconds: e.TRACE_EXPORT_STALL_SECONDS,
    },
    reports: {
      organisation: reports.organisation!,
      schedules: { weekly: e.REPORTS_WEEKLY_CRON, monthly: e.REPORTS_MONTHLY_CRON, quarterly: e.REPORTS_QUARTERLY_CRON },
      openAlertAge: e.REPORTS_OPEN_ALERT_AGE,
      delivery: {
        emails: e.REPORTS_DELIVERY_EMAILS,
        webhookUrl: e.REPORTS_DELIVERY_WEBHOOK_URL,
        webhookSecret: e.REPORTS_DELIVERY_WEBHOOK_SECRET,
        kinds: e.REPORTS_DELIVERY_KINDS as ReportsConfig['delivery']['kinds'],
        maxAttempts: e.REPORTS_DELIVERY_MAX_ATTEMPTS,
        retryBase: e.REPORTS_DELIVERY_RETRY_BASE,
        interval: e.REPORTS_DELIVERY_INTERVAL,
        publicUrl: e.REPORTS_PUBLIC_URL?.replace(/\/+$/, ''),
      },
      urgent: {
        emails: e.REPORTS_URGENT_EMAILS?.length ? e.REPORTS_URGENT_EMAILS : e.REPORTS_DELIVERY_EMAILS,
        alertTypes: e.REPORTS_URGENT_ALERT_TYPES,
        severities: e.REPORTS_URGENT_SEVERITIES,
      },
    },
    incidents: { reminderHours: e.INCIDENT_REMINDER_HOURS },
  };
}

function authConfigProblems(e: Env): string[] {
  const problems: string[] = [];
  if (e.AUTH_OIDC_ISSUER && !e.AUTH_OIDC_CLIENT_ID) problems.push('AUTH_OIDC_CLIENT_ID: required when AUTH_OIDC_ISSUER is set');
  if (Boolean(e.BOOTSTRAP_ADMIN_USERNAME) !== Boolean(e.BOOTSTRAP_ADMIN_PASSWORD)) {
    problems.push('BOOTSTRAP_ADMIN_USERNAME / BOOTSTRAP_ADMIN_PASSWORD: set both or neither');
  }
  return problems;
}

function toAuthConfig(e: Env, secretsDir: string): AuthConfig {
  return {
    jwtSecret: e.AUTH_JWT_SECRET,
    secretsDir,
    accessTokenTtl: e.AUTH_ACCESS_TOKEN_TTL,
    refreshTokenTtl: e.AUTH_REFRESH_TOKEN_TTL,
    passwordMinLength: e.AUTH_PASSWORD_MIN_LENGTH,
    lockout: { threshold: e.AUTH_LOCKOUT_THRESHOLD, duration: e.AUTH_LOCKOUT_DURATION },
    apiKeys: { ttl: e.AUTH_API_KEY_TTL, rotationOverlap: e.AUTH_API_KEY_ROTATION_OVERLAP },
    rateLimits: { signInPerMinute: e.AUTH_SIGN_IN_RATE_LIMIT, ingestPerMinute: e.AUTH_INGEST_RATE_LIMIT },
    oidc: e.AUTH_OIDC_ISSUER
      ? {
          issuer: e.AUTH_OIDC_ISSUER,
          clientId: e.AUTH_OIDC_CLIENT_ID!,
          jwksUrl: e.AUTH_OIDC_JWKS_URL,
          usernameClaim: e.AUTH_OIDC_USERNAME_CLAIM,
        }
      : undefined,
    bootstrapAdmin:
      e.BOOTSTRAP_ADMIN_USERNAME && e.BOOTSTRAP_ADMIN_PASSWORD
        ? { username: e.BOOTSTRAP_ADMIN_USERNAME, password: e.BOOTSTRAP_ADMIN_PASSWORD, email: e.BOOTSTRAP_ADMIN_EMAIL }
        : undefined,
  };
}

function toAccountsConfig(e: Env): AccountsConfig {
  return {
    idleMonths: e.ACCOUNT_IDLE_MONTHS,
    idleLockCron: e.ACCOUNT_IDLE_LOCK_CRON,
    timeZone: e.ACCOUNT_TIME_ZONE,
    warningDays: [...new Set(e.ACCOUNT_LOCK_WARNING_DAYS)].sort((a, b) => b - a),
    observationStart: e.ACCOUNT_OBSERVATION_START,
    massChange: { share: e.ACCOUNT_MASS_CHANGE_SHARE, min: e.ACCOUNT_MASS_CHANGE_MIN },
    statusRefresh: e.ACCOUNT_STATUS_REFRESH,
    commands: {
      topic: e.ACCOUNT_COMMAND_TOPIC,
      webhookUrl: e.ACCOUNT_COMMAND_WEBHOOK_URL,
      webhookSecret: e.ACCOUNT_COMMAND_WEBHOOK_SECRET,
      maxAttempts: e.ACCOUNT_COMMAND_MAX_ATTEMPTS,
      retryBase: e.ACCOUNT_COMMAND_RETRY_BASE,
      deliveryInterval: e.ACCOUNT_COMMAND_DELIVERY_INTERVAL,
    },
  };
}
