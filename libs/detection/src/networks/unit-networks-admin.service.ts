import { Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { Clock, DomainException, ErrorCode, ErrorDetail } from '@app/common';
import { parseNetwork } from './cidr.util';
import { UnitNetwork, UnitNetworkInput, UnitNetworkRepository } from './unit-network.repository';
import { UnitNetworks } from './unit-networks.service';

export const UNIT_CODE_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const MAX_LABEL = 200;
const CSV_COLUMNS = ['unitCode', 'cidr', 'label'];

export interface NetworkImportSummary {
  units: number;
  networks: number;
}

/** Sets units' networks by API or file, validated the same way, and tells the matcher at once. */
@Injectable()
export class UnitNetworksAdminService {
  constructor(
    private readonly repository: UnitNetworkRepository,
    private readonly matcher: UnitNetworks,
    private readonly clock: Clock,
  ) {}

  list(unitCode: string): Promise<UnitNetwork[]> {
    return this.repository.findByUnit(unitCode);
  }

  /** Replaces the unit's networks (an empty list removes them all). */
  async replace(unitCode: string, networks: { cidr: string; label?: string | null }[], actor: string): Promise<UnitNetwork[]> {
    const details: ErrorDetail[] = [];
    const parsed = this.normalise(networks, (i, message) => details.push({ field: `networks[${i}].cidr`, message }));
    if (details.length) throw new DomainException(ErrorCode.VALIDATION_FAILED, 'Some networks are not valid', details);
    await this.repository.replace(new Map([[unitCode, parsed]]), actor, this.clock.now());
    await this.matcher.refresh();
    return this.repository.findByUnit(unitCode);
  }

  /**
   * A CSV file with the header unitCode,cidr,label: each unit named in it gets exactly the file's networks; units
   * not named keep theirs. All or nothing: one bad line and nothing changes, every bad line reported.
   */
  async importCsv(text: string, actor: string): Promise<NetworkImportSummary> {
    const details: ErrorDetail[] = [];
    const rows = this.readCsv(text);
    const byUnit = new Map<string, { cidr: string; label: string | null; line: number }[]>();
    for (const { line, record } of rows) {
      const unitCode = (record.unitCode ?? '').trim();
      if (!UNIT_CODE_PATTERN.test(unitCode)) {
        details.push({ line, field: 'unitCode', message: `"${unitCode}" is not a unit code (1-64 letters, digits, . _ -)` });
        continue;
      }
      const list = byUnit.get(unitCode) ?? [];
      list.push({ cidr: record.cidr ?? '', label: record.label?.trim() || null, line });
      byUnit.set(unitCode, list);
    }
    const parsed = new Map<string, UnitNetworkInput[]>();
    for (const [unitCode, list] of byUnit) {
      parsed.set(unitCode, this.normalise(list, (i, message) => details.push({ line: list[i].line, field: 'cidr', message })));
    }
    if (details.length) {
      details.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
      throw new DomainException(ErrorCode.VALIDATION_FAILED, `${details.length} line(s) are not valid; nothing was imported`, details);
    }
    await this.repository.replace(parsed, actor, this.clock.now());
    await this.matcher.refresh();
    return { units: parsed.size, networks: [...parsed.values()].reduce((n, l) => n + l.length, 0) };
  }

  private readCsv(text: string): { line: number; record: Record<string, string> }[] {
    let records: { info: { lines: number }; record: Record<string, string> }[];
    try {
      records = parse(text, { columns: true, info: true, bom: true, skip_empty_lines: true, trim: true, relax_column_count: true });
    } catch (error) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, `The file is not readable CSV: ${(error as Error).message}`);
    }
    const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0].split(',').map((c) => c.trim());
    const missing = CSV_COLUMNS.slice(0, 2).filter((c) => !header.includes(c));
    const unknown = header.filter((c) => !CSV_COLUMNS.includes(c));
    if (missing.length || unknown.length) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, `The first line must be the header ${CSV_COLUMNS.join(',')}`, [
        { line: 1, message: [missing.length ? `missing ${missing.join(', ')}` : '', unknown.length ? `unknown ${unknown.join(', ')}` : ''].filter(Boolean).join('; ') },
      ]);
    }
    return records.map((r) => ({ line: r.info.lines, record: r.record }));
  }

  /** Canonical networks, each bad one reported by its index; a network listed twice for a unit is reported too. */
  private normalise(list: { cidr: string; label?: string | null }[], report: (index: number, message: string) => void): UnitNetworkInput[] {
    const seen = new Map<string, number>();
    const result: UnitNetworkInput[] = [];
    list.forEach((n, i) => {
      const parsed = parseNetwork(n.cidr);
      if (!parsed.ok) return report(i, parsed.error);
      if ((n.label ?? '').length > MAX_LABEL) return report(i, `label longer than ${MAX_LABEL} characters`);
      if (seen.has(parsed.cidr)) return report(i, `${parsed.cidr} is listed twice for this unit`);
      seen.set(parsed.cidr, i);
      result.push({ cidr: parsed.cidr, label: n.label?.trim() || null });
    });
    return result;
  }
}
