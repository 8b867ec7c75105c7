import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { CONFIG_DIR } from '@app/config';
import type { DetectionSettings, ParsedSettings } from '../scan/detector.type';

export const DETECTION_SETTINGS_FILE = 'detection.json';

/** config/detection.json as read: one section per detector ("$comment" keys are the file's documentation). */
export function loadDetectionSettingsFile(file = join(CONFIG_DIR, DETECTION_SETTINGS_FILE)): DetectionSettings {
  return JSON.parse(readFileSync(file, 'utf8')) as DetectionSettings;
}

/** One detector's section of config/detection.json, checked by its parser (tests; the service reads it through DetectionSettingsService). */
export function loadDetectionSection<S>(section: string, parse: (raw: unknown) => ParsedSettings<S>): S {
  const parsed = parse(loadDetectionSettingsFile()[section]);
  if (parsed.problems) throw new Error(`config/detection.json: ${parsed.problems.join('; ')}`);
  return parsed.settings;
}

/**
 * The detectors' parameters: config/detection.json at start. Detectors are handed their section on every run
 * (they never cache it), so a value saved later replaces it here without touching a detector.
 */
@Injectable()
export class DetectionSettingsService {
  private settings: DetectionSettings = loadDetectionSettingsFile();

  current(): DetectionSettings {
    return this.settings;
  }

  replace(settings: DetectionSettings): void {
    this.settings = settings;
  }
}
