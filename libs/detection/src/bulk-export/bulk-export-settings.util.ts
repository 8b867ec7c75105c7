import type { ParsedSettings } from '../scan/detector.type';
import { loadDetectionSection } from '../settings/detection-settings.service';
import { numberSection, withChecks } from '../settings/settings-section.util';

/** Detector 11 (docs/detection.md, "Bulk export"): config/detection.json's "bulkExport". */
export interface BulkExportSettings {
  /** A day's exported citizens above this, whatever the habits: below it an export is a working list. */
  floor: number;
  /** The export days of the account and of its peers this many days before the day make their habits. */
  historyDays: number;
  /** Above ownMultiple x the median of its own export days, given at least minOwnExports of them. */
  ownMultiple: number;
  minOwnExports: number;
  /** Above peerMultiple x the median of its peers' export days, given at least minPeerExports of them. */
  peerMultiple: number;
  minPeerExports: number;
  /** Flagged days no more than this apart are one episode (one alert). */
  episodeGapDays: number;
  /** By score (the day's exported citizens / threshold): below medium is low. */
  severity: { medium: number; high: number; critical: number };
}

export function parseBulkExportSettings(raw: unknown): ParsedSettings<BulkExportSettings> {
  return withChecks(
    numberSection<BulkExportSettings>(raw, 'bulkExport', [
      'floor',
      'historyDays',
      'ownMultiple',
      'minOwnExports',
      'peerMultiple',
      'minPeerExports',
      'episodeGapDays',
      ...['medium', 'high', 'critical'].map((k) => `severity.${k}`),
    ]),
    (s) => [
      [s.historyDays < 1 || s.historyDays > 366, 'bulkExport.historyDays: must be 1-366 days'],
      [s.episodeGapDays > 60, 'bulkExport.episodeGapDays: at most 60 days'],
    ],
  );
}

/** The bulkExport section of config/detection.json, checked (tests). */
export const loadBulkExportSettings = (): BulkExportSettings =>
  loadDetectionSection('bulkExport', parseBulkExportSettings);
