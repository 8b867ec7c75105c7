import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AlertAction, AlertActionKind, AlertActor } from './alert.type';

const COLUMNS = `id::text, alert_id::text AS "alertId", suppression_id::text AS "suppressionId", at, actor_kind AS "actorKind",
  actor_id AS "actorId", actor_name AS "actorName", action, details`;

export interface NewAlertAction {
  alertId?: string | null;
  suppressionId?: string | null;
  at: Date;
  actor: AlertActor;
  action: AlertActionKind;
  details: Record<string, unknown>;
}

/** The append-only log of what was done to alerts and suppressions (a trigger refuses UPDATE, DELETE, TRUNCATE). */
@Injectable()
export class AlertActionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async append(m: EntityManager, a: NewAlertAction): Promise<void> {
    await m.query(
      `INSERT INTO alert_action (alert_id, suppression_id, at, actor_kind, actor_id, actor_name, action, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
      [a.alertId ?? null, a.suppressionId ?? null, a.at, a.actor.kind, a.actor.id, a.actor.name, a.action, JSON.stringify(a.details)],
    );
  }

  /** Oldest first: the alert's history as it happened. */
  async findByAlert(alertId: string): Promise<AlertAction[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM alert_action WHERE alert_id = $1 ORDER BY alert_action.id`, [alertId]);
  }

  async findBySuppression(suppressionId: string): Promise<AlertAction[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM alert_action WHERE suppression_id = $1 ORDER BY alert_action.id`, [suppressionId]);
  }
}
