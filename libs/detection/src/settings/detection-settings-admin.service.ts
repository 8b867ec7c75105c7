import { Injectable } from '@nestjs/common';
import type { RaiseAlertInput } from '@app/alerts';
import { SecurityActor, SecurityEventType, SecurityLogService } from '@app/auth';
import { Clock, DomainException, ErrorCode } from '@app/common';
import { addDays, localDay, LocalDay } from '../calendar/local-day.util';
import { DetectionScan } from '../scan/detection-scan.service';
import type { DayDetector } from '../scan/detector.type';
import { DetectionSettingChange, DetectionSettingRepository } from './detection-setting.repository';
import { DetectionSettingsService } from './detection-settings.service';

export const MAX_PREVIEW_DAYS = 120;
const LISTED = 200;

export interface DetectionSettingView {
  section: string;
  /** The alert types its detector raises. */
  types: string[];
  /** In force: the saved value over the file's, or the file's. */
  value: unknown;
  source: 'file' | 'saved';
  fileValue: unknown;
  changedBy: string | null;
  changedAt: Date | null;
  reason: string | null;
}

export interface PreviewAlert {
  type: string;
  severity: string;
  accountIds: string[];
  unitCode: string | null;
  windowStart: Date;
  windowEnd: Date;
}

export interface PreviewSide {
  alerts: number;
  accounts: number;
  byType: Record<string, number>;
  bySeverity: Record<string, number>;
}

export interface SettingsPreview {
  section: string;
  fromDay: LocalDay;
  toDay: LocalDay;
  current: PreviewSide;
  proposed: PreviewSide;
  /** Alerts the new value would raise that the current one does not (at most 200 listed). */
  added: PreviewAlert[];
  /** Alerts the current value raises that the new one would not. */
  removed: PreviewAlert[];
  /** Accounts with an alert under the new value and none under the current one. */
  accountsAdded: string[];
  accountsRemoved: string[];
}

/**
 * What admins do with detection settings: read them, preview a change over the last N days (which alerts, and
 * which accounts, the new value would have raised, by running the detector itself on the stored history), and
 * save or reset it. Every save is in the change log and the security log, both under the integrity chain.
 */
@Injectable()
export class DetectionSettingsAdmin {
  constructor(
    private readonly settings: DetectionSettingsService,
    private readonly repository: DetectionSettingRepository,
    private readonly scan: DetectionScan,
    private readonly securityLog: SecurityLogService,
    private readonly clock: Clock,
  ) {}

  list(): DetectionSettingView[] {
    return this.scan.dayDetectors.map((d) => this.view(d));
  }

  async get(section: string): Promise<DetectionSettingView & { changes: DetectionSettingChange[] }> {
    const d = this.detector(section);
    return { ...this.view(d), changes: await this.repository.findChanges(section) };
  }

  async preview(section: string, value: unknown, days = 30): Promise<SettingsPreview> {
    const d = this.detector(section);
    if (!Number.isInteger(days) || days < 1 || days > MAX_PREVIEW_DAYS) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, `days must be 1-${MAX_PREVIEW_DAYS}`, [{ field: 'days', message: `must be an integer 1-${MAX_PREVIEW_DAYS}` }]);
    }
    const proposedSettings = this.scan.parse(this.settings.withValue(section, value));
    const currentSettings = this.scan.parse(this.settings.current());
    const toDay = addDays(localDay(this.clock.now()), -1);
    const fromDay = addDays(toDay, -(days - 1));
    const [current, proposed] = [
      await this.scan.findings(fromDay, toDay, currentSettings, [d]),
      await this.scan.findings(fromDay, toDay, proposedSettings, [d]),
    ];
    const keyOf = (a: RaiseAlertInput): string => `${a.type}\u0000${accountsOf(a).join(',')}\u0000${a.unitCode ?? ''}\u0000${(a.windowStart ?? a.occurredAt).toISOString()}`;
    const currentKeys = new Set(current.map(keyOf));
    const proposedKeys = new Set(proposed.map(keyOf));
    const currentAccounts = new Set(current.flatMap(accountsOf));
    const proposedAccounts = new Set(proposed.flatMap(accountsOf));
    return {
      section,
      fromDay,
      toDay,
      current: side(current),
      proposed: side(proposed),
      added: proposed.filter((a) => !currentKeys.has(keyOf(a))).slice(0, LISTED).map(previewAlert),
      removed: current.filter((a) => !proposedKeys.has(keyOf(a))).slice(0, LISTED).map(previewAlert),
      accountsAdded: [...proposedAccounts].filter((a) => !currentAccounts.has(a)).sort().slice(0, LISTED),
      accountsRemoved: [...currentAccounts].filter((a) => !proposedAccounts.has(a)).sort().slice(0, LISTED),
    };
  }

  /** Saves a section's value (null: back to the file's); applied at once here, within 30 s on other replicas. */
  async save(section: string, value: unknown, reason: string, actor: SecurityActor, clientIp?: string): Promise<DetectionSettingView> {
    const d = this.detector(section);
    if (!reason?.trim()) throw new DomainException(ErrorCode.VALIDATION_FAILED, 'A reason is required', [{ field: 'reason', message: 'must not be empty' }]);
    if (value !== null) this.scan.parse(this.settings.withValue(section, value));
    const before = this.settings.current()[section];
    const by = actor.kind === 'user' || actor.kind === 'producer' ? `${actor.kind}:${actor.name}` : actor.kind;
    const change = await this.repository.append(section, value, reason.trim(), by, this.clock.now());
    await this.securityLog.record({
      type: SecurityEventType.DETECTION_SETTINGS_CHANGED,
      actor,
      target: section,
      clientIp,
      details: { changeId: change.id, reason: change.reason, reset: value === null, before, after: value },
    });
    await this.settings.refresh();
    return this.view(d);
  }

  private view(d: DayDetector): DetectionSettingView {
    const saved = this.settings.savedChange(d.section);
    return {
      section: d.section,
      types: [...d.types],
      value: this.settings.current()[d.section],
      source: saved ? 'saved' : 'file',
      fileValue: this.settings.fileValue(d.section),
      changedBy: saved?.changedBy ?? null,
      changedAt: saved?.at ?? null,
      reason: saved?.reason ?? null,
    };
  }

  private detector(section: string): DayDetector {
    const d = this.scan.dayDetectors.find((x) => x.section === section);
    if (!d) throw new DomainException(ErrorCode.NOT_FOUND, `No detection settings "${section}" (one of ${this.scan.dayDetectors.map((x) => x.section).join(', ')})`);
    return d;
  }
}

function accountsOf(a: RaiseAlertInput): string[] {
  return a.accountIds?.length ? [...a.accountIds].sort() : a.accountId ? [a.accountId] : [];
}

function side(alerts: RaiseAlertInput[]): PreviewSide {
  const count = (key: (a: RaiseAlertInput) => string): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const a of alerts) out[key(a)] = (out[key(a)] ?? 0) + 1;
    return out;
  };
  return { alerts: alerts.length, accounts: new Set(alerts.flatMap(accountsOf)).size, byType: count((a) => a.type), bySeverity: count((a) => a.severity) };
}

function previewAlert(a: RaiseAlertInput): PreviewAlert {
  return { type: a.type, severity: a.severity, accountIds: accountsOf(a), unitCode: a.unitCode ?? null, windowStart: a.windowStart ?? a.occurredAt, windowEnd: a.windowEnd ?? a.occurredAt };
}
