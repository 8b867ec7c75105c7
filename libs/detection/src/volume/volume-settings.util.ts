import type { ParsedSettings } from '../scan/detector.type';
import { loadDetectionSettingsFile } from '../settings/detection-settings.service';
import { numberSection, withChecks } from '../settings/settings-section.util';

/** A bound max(median + k * MAD * 1.4826, multiple * median, floor). */
export interface VolumeBoundSettings {
  k: number;
  multiple: number;
  floor: number;
}

export interface OwnBaselineSettings extends VolumeBoundSettings {
  /** How many eligible working days before the day make the baseline. */
  historyDays: number;
  /** Fewer than this and the account is not judged against itself. */
  minHistoryDays: number;
  /** This many quiet working days in a row are an absence (leave), left out rather than counted as zeros. */
  absenceDays: number;
  /** How far back to look for those days. */
  lookbackCalendarDays: number;
}

export interface PeerSettings extends VolumeBoundSettings {
  minPeers: number;
  /**
   * An account within its own baseline whose day has at least this share of lookups naming a dossier of its own
   * unit is not raised against its peers (a heavy worker, not a finding).
   */
  explainedShare: number;
}

export interface UnitSurgeSettings {
  riseFactor: number;
  memberShare: number;
  minMembers: number;
}

/** observed / threshold from which a finding is medium, high, critical (below medium: low). */
export interface SeverityBands {
  medium: number;
  high: number;
  critical: number;
}

export interface VolumeSettings {
  ownBaseline: OwnBaselineSettings;
  /** The day's busiest hour against the busiest hours of the same baseline days, and more than dayMultiple usual days. */
  hourly: VolumeBoundSettings & { dayMultiple: number };
  peers: PeerSettings;
  unitSurge: UnitSurgeSettings;
  severity: SeverityBands;
}

/** The volume section checked (config/detection.json's "volume", or an admin's value for it). */
export function parseVolumeSettings(raw: unknown): ParsedSettings<VolumeSettings> {
  return withChecks(volumeNumbers(raw), (s) => [
    // A median of no days, peers or members is no bound.
    [s.ownBaseline.minHistoryDays < 1, 'volume.ownBaseline.minHistoryDays: at least 1'],
    [s.peers.minPeers < 1, 'volume.peers.minPeers: at least 1'],
    [s.unitSurge.minMembers < 1, 'volume.unitSurge.minMembers: at least 1'],
  ]);
}

function volumeNumbers(raw: unknown): ParsedSettings<VolumeSettings> {
  return numberSection<VolumeSettings>(raw, 'volume', [
    ...['k', 'multiple', 'floor', 'historyDays', 'minHistoryDays', 'absenceDays', 'lookbackCalendarDays'].map((k) => `ownBaseline.${k}`),
    ...['k', 'multiple', 'floor', 'dayMultiple'].map((k) => `hourly.${k}`),
    ...['k', 'multiple', 'floor', 'minPeers', 'explainedShare'].map((k) => `peers.${k}`),
    ...['riseFactor', 'memberShare', 'minMembers'].map((k) => `unitSurge.${k}`),
    ...['medium', 'high', 'critical'].map((k) => `severity.${k}`),
  ]);
}

/** Reads and checks the volume section of config/detection.json (tests; the service reads it through DetectionSettingsService). */
export function loadVolumeSettings(): VolumeSettings {
  const parsed = parseVolumeSettings(loadDetectionSettingsFile().volume);
  if (parsed.problems) throw new Error(`config/detection.json: ${parsed.problems.join('; ')}`);
  return parsed.settings;
}
