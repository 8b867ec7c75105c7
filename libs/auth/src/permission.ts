/**
 * Every permission the API knows, and which roles hold it. Deny by default: an endpoint names the permission it
 * needs (or is declared public with a reason), and a test fails if any route declares neither.
 */
export enum Permission {
  USERS_READ = 'users:read',
  USERS_WRITE = 'users:write',
  SETTINGS_WRITE = 'settings:write',
  SECURITY_LOG_READ = 'security-log:read',
  ACCOUNTS_READ = 'accounts:read',
  ACCOUNTS_LOCK = 'accounts:lock',
  ACCOUNTS_SYNC = 'accounts:sync',
  ALERTS_READ = 'alerts:read',
  ALERTS_TRIAGE = 'alerts:triage',
  AUDIT_SEARCH = 'audit:search',
  /** Show one stored event's personal ID in clear (from its encrypted copy), with a reason: admins and the revealer role. */
  AUDIT_REVEAL = 'audit:reveal',
  EVIDENCE_EXPORT = 'evidence:export',
  INTEGRITY_VERIFY = 'integrity:verify',
  REPORTS_READ = 'reports:read',
  REPORTS_WRITE = 'reports:write',
  /** Personal-data breach incidents and their notices (docs/incidents.md): read like the reports, written by admins. */
  INCIDENTS_READ = 'incidents:read',
  INCIDENTS_WRITE = 'incidents:write',
  SOURCE_SYSTEMS_READ = 'source-systems:read',
  SOURCE_SYSTEMS_WRITE = 'source-systems:write',
  API_KEYS_MANAGE = 'api-keys:manage',
  INGEST_READ = 'ingest:read',
  INGEST_WRITE = 'ingest:write',
  /** Operate the ingest pipeline itself: e.g. order an undecodable Kafka batch skipped. Never a producer key. */
  INGEST_MANAGE = 'ingest:manage',
}

export enum Role {
  ADMIN = 'admin',
  REVIEWER = 'reviewer',
  AUDITOR = 'auditor',
  OPERATOR = 'operator',
  /** Granted by an admin to an auditor who may see a citizen's personal ID in clear (docs/trace.md, "Reveal"). */
  REVEALER = 'revealer',
}

const REVIEWER: Permission[] = [Permission.ALERTS_READ, Permission.ALERTS_TRIAGE, Permission.ACCOUNTS_READ];
const AUDITOR: Permission[] = [
  Permission.AUDIT_SEARCH,
  Permission.EVIDENCE_EXPORT,
  Permission.INTEGRITY_VERIFY,
  Permission.ACCOUNTS_READ,
  Permission.REPORTS_READ,
  Permission.INCIDENTS_READ,
];
/** Integration operators run the pipes; they never read citizen-level audit data. */
const OPERATOR: Permission[] = [
  Permission.SOURCE_SYSTEMS_READ,
  Permission.SOURCE_SYSTEMS_WRITE,
  Permission.API_KEYS_MANAGE,
  Permission.INGEST_READ,
  Permission.INGEST_WRITE,
  Permission.INGEST_MANAGE,
  Permission.ACCOUNTS_SYNC,
];

/** The permission matrix (also in docs/permissions.md). Admins hold everything. */
export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  [Role.ADMIN]: new Set(Object.values(Permission)),
  [Role.REVIEWER]: new Set(REVIEWER),
  [Role.AUDITOR]: new Set(AUDITOR),
  [Role.OPERATOR]: new Set(OPERATOR),
  [Role.REVEALER]: new Set([Permission.AUDIT_REVEAL]),
};

/** What a producer API key (tied to one source system) may do, whatever route it is presented to. */
export const PRODUCER_KEY_PERMISSIONS: ReadonlySet<Permission> = new Set([
  Permission.INGEST_WRITE,
  Permission.ACCOUNTS_SYNC,
]);
