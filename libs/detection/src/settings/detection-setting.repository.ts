import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface DetectionSettingChange {
  id: string;
  section: string;
  /** null: the section went back to config/detection.json. */
  value: unknown;
  reason: string;
  changedBy: string;
  at: Date;
}

/** detection_setting_change: append-only, a section's value is its latest change. */
@Injectable()
export class DetectionSettingRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Each section's latest change (its current saved value, or null when reset to the file). */
  async findLatest(): Promise<DetectionSettingChange[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT DISTINCT ON (section) id::text, section, value, reason, changed_by, at
       FROM detection_setting_change ORDER BY section, id DESC`,
    );
    return rows.map(toChange);
  }

  async findChanges(section: string, limit = 50): Promise<DetectionSettingChange[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT id::text, section, value, reason, changed_by, at FROM detection_setting_change
       WHERE section = $1 ORDER BY id DESC LIMIT $2`,
      [section, limit],
    );
    return rows.map(toChange);
  }

  async append(section: string, value: unknown, reason: string, changedBy: string, at: Date): Promise<DetectionSettingChange> {
    const [row]: Record<string, unknown>[] = await this.dataSource.query(
      `INSERT INTO detection_setting_change (section, value, reason, changed_by, at) VALUES ($1, $2::jsonb, $3, $4, $5)
       RETURNING id::text, section, value, reason, changed_by, at`,
      [section, value === null ? null : JSON.stringify(value), reason, changedBy, at],
    );
    return toChange(row);
  }
}

function toChange(r: Record<string, unknown>): DetectionSettingChange {
  return { id: r.id as string, section: r.section as string, value: r.value, reason: r.reason as string, changedBy: r.changed_by as string, at: r.at as Date };
}
