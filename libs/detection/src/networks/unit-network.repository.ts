import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface UnitNetwork {
  unitCode: string;
  /** Canonical network form, e.g. 10.12.0.0/16 or 2001:db8::/32. */
  cidr: string;
  label: string | null;
  updatedBy: string;
  updatedAt: Date;
}

export type UnitNetworkInput = Pick<UnitNetwork, 'cidr' | 'label'>;

const COLUMNS = `unit_code AS "unitCode", cidr::text AS cidr, label, updated_by AS "updatedBy", updated_at AS "updatedAt"`;

@Injectable()
export class UnitNetworkRepository {
  constructor(private readonly db: DataSource) {}

  findAll(): Promise<UnitNetwork[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM detection_unit_network ORDER BY unit_code, cidr`);
  }

  findByUnit(unitCode: string): Promise<UnitNetwork[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM detection_unit_network WHERE unit_code = $1 ORDER BY cidr`, [unitCode]);
  }

  /** Replaces the networks of each unit given, all units in one transaction (a file import is all or nothing). */
  async replace(byUnit: Map<string, UnitNetworkInput[]>, actor: string, at: Date): Promise<void> {
    await this.db.transaction(async (m) => {
      for (const [unitCode, networks] of byUnit) {
        await m.query(`DELETE FROM detection_unit_network WHERE unit_code = $1`, [unitCode]);
        if (!networks.length) continue;
        await m.query(
          `INSERT INTO detection_unit_network (unit_code, cidr, label, updated_by, updated_at)
           SELECT $1, c::cidr, l, $4, $5 FROM unnest($2::text[], $3::text[]) AS n(c, l)`,
          [unitCode, networks.map((n) => n.cidr), networks.map((n) => n.label), actor, at],
        );
      }
    });
  }
}
