import { createHash } from 'node:crypto';
import { AlertSeverity, ALERT_SEVERITIES } from './alert.type';

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

/** The list cursor: where the previous page stopped in the order (window start, id), opaque to clients. */
export function encodeAlertCursor(position: { windowStart: Date; id: string }): string {
  return Buffer.from(`${position.windowStart.toISOString()}|${position.id}`).toString('base64url');
}

export function decodeAlertCursor(cursor: string): { windowStart: Date; id: string } | null {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const windowStart = new Date(at);
  return !Number.isNaN(windowStart.getTime()) && /^\d{1,19}$/.test(id ?? '') ? { windowStart, id } : null;
}
