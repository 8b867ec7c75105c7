import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_DIR } from '@app/config';

export const DETECTION_SETTINGS_FILE = 'detection.json';

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
  peers: PeerSettings;
  unitSurge: UnitSurgeSettings;
  severity: SeverityBands;
}

const positive = (problems: string[], path: string, value: unknown): void => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) problems.push(`${path}: must be a number >= 0`);
};

/** Reads and checks config/detection.json; a mistake stops the start with the file, the key and the problem. */
export function loadVolumeSettings(file = join(CONFIG_DIR, DETECTION_SETTINGS_FILE)): VolumeSettings {
  const raw = (JSON.parse(readFileSync(file, 'utf8')) as { volume?: Record<string, Record<string, unknown>> }).volume;
  if (!raw) throw new Error(`${file}: volume: missing`);
  const expected: Record<keyof VolumeSettings, string[]> = {
    ownBaseline: ['k', 'multiple', 'floor', 'historyDays', 'minHistoryDays', 'absenceDays', 'lookbackCalendarDays'],
    peers: ['k', 'multiple', 'floor', 'minPeers', 'explainedShare'],
    unitSurge: ['riseFactor', 'memberShare', 'minMembers'],
    severity: ['medium', 'high', 'critical'],
  };
  const problems: string[] = [];
  const settings: Record<string, Record<string, number>> = {};
  for (const [section, keys] of Object.entries(expected)) {
    settings[section] = {};
    for (const key of keys) {
      const value = raw[section]?.[key];
      positive(problems, `volume.${section}.${key}`, value);
      settings[section][key] = value as number;
    }
  }
  if (problems.length) throw new Error(`${file}: ${problems.join('; ')}`);
  return settings as unknown as VolumeSettings;
}
