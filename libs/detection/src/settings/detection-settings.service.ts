import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { CONFIG_DIR } from '@app/config';
import type { DetectionSettings, ParsedSettings } from '../scan/detector.type';
import { DetectionSettingChange, DetectionSettingRepository } from './detection-setting.repository';

export const DETECTION_SETTINGS_FILE = 'detection.json';
export const SETTINGS_REFRESH_MS = 30_000;

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
 * The detectors' parameters: config/detection.json, each section replaced by the value an admin saved for it
 * (detection_setting_change). Held in memory on every replica and re-read every 30 s (at once on the replica that
 * saved), so detectors never wait on the database; they are handed their section on every run and never cache it.
 */
@Injectable()
export class DetectionSettingsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(DetectionSettingsService.name);
  private readonly file: DetectionSettings = loadDetectionSettingsFile();
  private saved = new Map<string, DetectionSettingChange>();
  private settings: DetectionSettings = this.file;
  private timer?: NodeJS.Timeout;

  constructor(@Optional() private readonly repository?: DetectionSettingRepository) {}

  async onModuleInit(): Promise<void> {
    if (!this.repository) return;
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch((e) => this.logger.warn(`Detection settings refresh failed: ${e}`)), SETTINGS_REFRESH_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    if (!this.repository) return;
    const latest = await this.repository.findLatest();
    this.saved = new Map(latest.filter((c) => c.value !== null).map((c) => [c.section, c]));
    this.settings = { ...this.file, ...Object.fromEntries([...this.saved].map(([section, c]) => [section, overlay(this.file[section], c.value)])) };
  }

  current(): DetectionSettings {
    return this.settings;
  }

  /** The file's value of a section (what a reset goes back to). */
  fileValue(section: string): unknown {
    return this.file[section];
  }

  /** The saved change a section's value comes from; undefined when it is the file's. */
  savedChange(section: string): DetectionSettingChange | undefined {
    return this.saved.get(section);
  }

  /** A section as it would be with this value saved: over the file's, key by key. */
  withValue(section: string, value: unknown): DetectionSettings {
    return { ...this.settings, [section]: overlay(this.file[section], value) };
  }

  /** Replaces what is held (tests without a database). */
  replace(settings: DetectionSettings): void {
    this.settings = settings;
  }
}

/**
 * A saved value over the file's section, key by key (nested objects too): a key a later version of the file adds
 * gets its default instead of stopping the start.
 */
export function overlay(base: unknown, value: unknown): unknown {
  if (!isObject(base) || !isObject(value)) return value;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(value)) out[k] = overlay(base[k], v);
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
