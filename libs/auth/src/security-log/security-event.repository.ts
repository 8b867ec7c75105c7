import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SecurityEvent, SecurityEventFilter, SecurityEventInput } from './security-event.type';

interface SecurityEventRow {
  id: string;
  occurred_at: Date;
  type: string;
  actor_kind: SecurityEvent['actorKind'];
  actor_id: string | null;
  actor_name: string | null;
  target: string | null;
  client_ip: string | null;
  details: Record<string, unknown>;
}

@Injectable()
export class SecurityEventRepository {
  constructor(private readonly db: DataSource) {}

  async append(event: SecurityEventInput, at: Date): Promise<void> {
    const actor = event.actor;
    await this.db.query(
      `INSERT INTO security_event (occurred_at, type, actor_kind, actor_id, actor_name, target, client_ip, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        at,
        event.type,
        actor.kind,
        'id' in actor ? actor.id : null,
        actor.name ?? null,
        event.target ?? null,
        event.clientIp ?? null,
        JSON.stringify(event.details ?? {}),
      ],
    );
  }

  /** Newest first; every filter value is a bind parameter. */
  async findPage(filter: SecurityEventFilter): Promise<SecurityEvent[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.type) add('type = ?', filter.type);
    if (filter.actor) add('actor_name = ?', filter.actor);
    if (filter.actorId) add('actor_id = ?', filter.actorId);
    if (filter.typePrefix) add('starts_with(type, ?)', filter.typePrefix);
    if (filter.from) add('occurred_at >= ?', filter.from);
    if (filter.to) add('occurred_at < ?', filter.to);
    if (filter.before) add('id < ?', filter.before);
    params.push(filter.limit);
    const rows: SecurityEventRow[] = await this.db.query(
      `SELECT id, occurred_at, type, actor_kind, actor_id, actor_name, target, client_ip, details
         FROM security_event ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => ({
      id: String(r.id),
      occurredAt: r.occurred_at,
      type: r.type,
      actorKind: r.actor_kind,
      actorId: r.actor_id,
      actorName: r.actor_name,
      target: r.target,
      clientIp: r.client_ip,
      details: r.details,
    }));
  }
}
