import { Injectable } from '@nestjs/common';
import { loadVolumeSettings, VolumeSettings } from './volume-settings.util';

/**
 * The volume detectors' parameters, from config/detection.json at start. Detectors ask for them on every run
 * (never cache them), so that an admin setting stored later can replace them here without touching a detector.
 */
@Injectable()
export class VolumeSettingsService {
  private settings: VolumeSettings = loadVolumeSettings();

  current(): VolumeSettings {
    return this.settings;
  }

  /** Replaces the parameters (tests, and the admin setting to come). */
  replace(settings: VolumeSettings): void {
    this.settings = settings;
  }
}
