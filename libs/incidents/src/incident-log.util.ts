import type { SecurityEventType, SecurityLogService } from '@app/auth';
import type { IncidentActor } from './incident.type';

/** One security-log entry about an incident: the target names it, the details carry its id and what happened. */
export function logIncident(
  securityLog: SecurityLogService,
  type: SecurityEventType,
  id: string,
  by: IncidentActor,
  details: Record<string, unknown>,
): Promise<void> {
  return securityLog.record({ type, actor: by.actor, target: `incident:${id}`, clientIp: by.clientIp, details: { incidentId: id, ...details } });
}
