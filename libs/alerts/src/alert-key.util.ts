import { createHash } from 'node:crypto';
import { Alert, AlertPosition, AlertSeverity, ALERT_SEVERITIES, AlertSort, SortDirection } from './alert.type';

/**
 * The finding's identity: type, accounts (sorted) and window. Long account lists are hashed so that the key stays
 * an index-friendly size; the readable part keeps the type first for whoever reads the table.
 */
export function alertDedupKey(type: string, accountIds: string[], windowStart: Date, windowEnd: Date): string {
  const accounts = accountIds.length ? accountIds.join(',') : '-';
  const key = `${type}:${accounts}:${windowStart.toISOString()}/${windowEnd.toISOString()}`;
  return key.length <= 256 ? key : `${type}:sha256:${createHash('sha256').update(key).digest('hex')}`;
}

export function severityRank(severity: AlertSeverity): number {
  return ALERT_SEVERITIES.indexOf(severity);
}

export function maxSeverity(a: AlertSeverity, b: AlertSeverity): AlertSeverity {
  return severityRank(a) >= severityRank(b) ? a : b;
}

/** The value an alert has for a sort key, as the list query compares it (instants at millisecond precision). */
export function sortKeyOf(a: Alert, sort: AlertSort): string {
  switch (sort) {
    case 'raised':
      return new Date(a.createdAt).toISOString();
    case 'updated':
      return new Date(a.updatedAt).toISOString();
    case 'severity':
      return String(severityRank(a.severity));
    case 'score':
      return String(a.score);
    default:
      return new Date(a.windowStart).toISOString();
  }
}

/** The list cursor: the order it belongs to and where the previous page stopped in it, opaque to clients. */
export function encodeAlertCursor(sort: AlertSort, order: SortDirection, position: AlertPosition): string {
  return Buffer.from(`${sort}|${order}|${position.key}|${position.id}`).toString('base64url');
}

/** The position, or null when the cursor is not one of this order (a cursor of another sort would skip or repeat). */
export function decodeAlertCursor(cursor: string, sort: AlertSort, order: SortDirection): AlertPosition | null {
  const [s, o, key, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (s !== sort || o !== order || !/^\d{1,19}$/.test(id ?? '') || key === undefined) return null;
  const valid = sort === 'severity' ? /^\d$/.test(key) && Number(key) < ALERT_SEVERITIES.length : sort === 'score' ? Number.isFinite(Number(key)) && key !== '' : !Number.isNaN(new Date(key).getTime());
  return valid ? { key, id } : null;
}
