import { median } from 'simple-statistics';
import type { BulkExportSettings } from './bulk-export-settings.util';

/** A habit of exports: how many export days it is read from, and their median citizens. */
export interface ExportHabit {
  exportDays: number;
  median: number;
}

export interface ExportJudgement {
  observed: number;
  /** The account's own habit (null below minOwnExports: a first large export is judged without it). */
  own: ExportHabit | null;
  /** Its peers' habit (null below minPeerExports). */
  peers: ExportHabit | null;
  threshold: number;
  fires: boolean;
  /** observed / threshold. */
  score: number;
}

const habitOf = (days: number[], min: number): ExportHabit | null => (days.length >= min && days.length ? { exportDays: days.length, median: median(days) } : null);

/**
 * A day's exported citizens against max(floor, ownMultiple x its own median export day, peerMultiple x its peers'):
 * each habit applies when there is one, so a first-ever large export is judged against its peers and the floor.
 */
export function judgeExport(observed: number, ownDays: number[], peerDays: number[], s: BulkExportSettings): ExportJudgement {
  const own = habitOf(ownDays, s.minOwnExports);
  const peers = habitOf(peerDays, s.minPeerExports);
  const threshold = Math.max(s.floor, own ? s.ownMultiple * own.median : 0, peers ? s.peerMultiple * peers.median : 0);
  return { observed, own, peers, threshold, fires: observed > threshold, score: threshold > 0 ? Math.round((observed / threshold) * 100) / 100 : 0 };
}
