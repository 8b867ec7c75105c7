import type { RaiseAlertInput } from '@app/alerts';
import { startOfLocalDay } from '../calendar/local-day.util';
import { daysWindow } from '../scan/finding-evidence.util';
import { severityOf } from '../volume/volume-rules.util';
import type { ExportJudgement } from './bulk-export-rules.util';
import type { BulkExportSettings } from './bulk-export-settings.util';
import type { AccountDayExports, ExportEvent } from './bulk-export.repository';

export const BULK_EXPORT = 'bulk_export';

export type ExportPeerGroup = 'unit_role' | 'unit_kind_role';

export interface BulkExportDay {
  row: AccountDayExports;
  judgement: ExportJudgement;
  peerGroup: ExportPeerGroup | null;
}

export interface BulkExportFinding {
  accountId: string;
  unitCode: string | null;
  unitKind: string | null;
  role: string | null;
  episodeStart: string;
  /** The episode's flagged days, oldest first. */
  days: BulkExportDay[];
}

/** The episode's exports as one alert, led by its largest day; later days of the episode update it. */
export function bulkExportAlert(f: BulkExportFinding, largest: ExportEvent[], s: BulkExportSettings): RaiseAlertInput {
  const lead = f.days.reduce((a, b) => (b.judgement.score > a.judgement.score ? b : a));
  const j = lead.judgement;
  const first = f.days[0].row;
  const last = f.days[f.days.length - 1].row.day;
  return {
    type: BULK_EXPORT,
    severity: severityOf(j.score, s.severity),
    score: j.score,
    accountId: f.accountId,
    unitCode: f.unitCode,
    occurredAt: first.firstAt ?? startOfLocalDay(first.day),
    ...daysWindow(first.day, last),
    dedupKey: `${BULK_EXPORT}:${f.accountId}:${f.episodeStart}`,
    evidence: {
      rule: "a day's exported citizens > max(floor, ownMultiple x the account's median export day, peerMultiple x its peers' median export day), each habit over historyDays when known",
      parameters: s,
      from: first.day,
      to: last,
      day: lead.row.day,
      observed: {
        exportedSubjects: j.observed,
        exports: lead.row.exports,
        episodeExportedSubjects: f.days.reduce((n, d) => n + d.row.exportedSubjects, 0),
        episodeExports: f.days.reduce((n, d) => n + d.row.exports, 0),
        days: f.days.length,
      },
      expected: { own: j.own?.median ?? null, peers: j.peers?.median ?? null, threshold: j.threshold },
      own: j.own ? { ...j.own, judged: true } : { judged: false, minOwnExports: s.minOwnExports },
      peers: j.peers ? { group: lead.peerGroup, unitCode: f.unitCode, unitKind: f.unitKind, role: f.role, ...j.peers } : null,
      days: f.days.map((d) => ({ day: d.row.day, exports: d.row.exports, exportedSubjects: d.row.exportedSubjects, threshold: d.judgement.threshold })),
      largestExports: largest.map((e) => ({ eventId: e.eventId, at: e.occurredAt.toISOString(), subjectCount: e.subjectCount })),
      sampleEventIds: largest.map((e) => e.eventId),
    },
  };
}
