import type { Incident, IncidentView } from './incident.type';
import type { IncidentRow } from './incident.repository';

/**
 * Late: notified after the deadline, or still not notified once it has passed. Remaining time counts to the
 * deadline until the notice is sent; the console counts down from it.
 */
export function isLate(i: Pick<Incident, 'deadlineAt' | 'notifiedAt'>, now: Date): boolean {
  return i.notifiedAt ? i.notifiedAt.getTime() > i.deadlineAt.getTime() : now.getTime() > i.deadlineAt.getTime();
}

export function viewOf(row: IncidentRow, now: Date): IncidentView {
  return { ...row, late: isLate(row, now), remainingMs: row.notifiedAt ? null : row.deadlineAt.getTime() - now.getTime() };
}
