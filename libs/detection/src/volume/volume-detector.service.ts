import { Injectable } from '@nestjs/common';
import { median } from 'simple-statistics';
import { addDays, LocalDay, startOfLocalDay } from '../calendar/local-day.util';
import { WorkingCalendar } from '../working-hours/working-calendar.service';
import { BaselineDays, baselineDays } from './volume-baseline.util';
import {
  AccountVolumeFinding,
  HourlyVolumeFinding,
  PeerJudgement,
  UNIT_SURGE,
  UnitSurgeFinding,
  VOLUME_HOURLY,
  VOLUME_OWN_BASELINE,
  VOLUME_PEERS,
  VolumeFinding,
} from './volume-finding.type';
import { judge, judgeVolume, rises, risesTogether, robustBound, VolumeJudgement } from './volume-rules.util';
import type { VolumeSettings } from './volume-settings.util';
import type { VolumeWindow } from './volume-window.util';
import type { AccountDayVolume } from './volume.repository';

/** A day's row with the unit it counts for. */
interface Grouped {
  row: AccountDayVolume;
  unitCode: string | null;
}

interface PeerGroups<T extends Grouped> {
  byUnit: Map<string, T[]>;
  byKind: Map<string, T[]>;
}

interface Judged extends Grouped {
  baseline: BaselineDays;
  own: VolumeJudgement | null;
}

/** Who an account's day is compared with (PeerJudgement without the judgement). */
export interface PeerGroup<T extends Grouped = Grouped> extends Omit<PeerJudgement, 'count' | 'judgement'> {
  peers: T[];
}

/**
 * The day-level volume detectors on one closed day: each account against its own baseline and against its peers
 * that day, and each unit for rising together. One volume alert per account and day at most (own baseline first,
 * with the peers' numbers in its evidence); a unit rising together gets one notice instead of its members' alerts.
 */
@Injectable()
export class VolumeDetector {
  constructor(private readonly calendar: WorkingCalendar) {}

  detect(window: VolumeWindow, day: LocalDay, s: VolumeSettings): VolumeFinding[] {
    const judged = window.rowsOn(day).map((row) => this.judgeOwn(window, day, row, s));
    const surges = this.unitSurges(window, day, judged, s);
    const surging = new Set(surges.map((f) => f.unitCode));
    const groups = this.peerGroups(window, judged);
    const findings: VolumeFinding[] = [...surges];
    for (const j of judged) {
      const peers = this.judgePeers(window, j, groups, s);
      const base = { day, row: j.row, unitCode: j.unitCode, baseline: j.baseline, own: j.own, peers };
      if (j.own?.exceeded && !(j.unitCode && surging.has(j.unitCode))) {
        findings.push({ ...base, type: VOLUME_OWN_BASELINE, judgement: j.own } satisfies AccountVolumeFinding);
      } else if (peers?.judgement.exceeded && !this.heavyWorker(window, j, day, s)) {
        findings.push({ ...base, type: VOLUME_PEERS, judgement: peers.judgement } satisfies AccountVolumeFinding);
      } else {
        const hourly = this.judgeHourly(window, j, s);
        if (hourly && !(j.unitCode && surging.has(j.unitCode))) findings.push(hourly);
      }
    }
    return findings;
  }

  /**
   * The day's busiest hour against the busiest hours of the account's own baseline days (a quiet baseline day's is
   * 0), when the day as a whole stayed within its bounds: a burst the daily total hides. Needs the same history
   * as the own baseline; a new account is not judged by the hour.
   */
  private judgeHourly(window: VolumeWindow, j: Judged, s: VolumeSettings): HourlyVolumeFinding | null {
    if (!j.own) return null;
    const mine = window.daysOf(j.row.accountId);
    const history = j.baseline.days.map((d) => mine?.get(d)?.peakHour.lookups ?? 0);
    const judgement = judge(j.row.peakHour.lookups, robustBound(history, s.hourly));
    // A day's usual work done in one sitting is not a burst: the hour alone must hold more than dayMultiple usual days.
    if (!judgement.exceeded || j.row.peakHour.lookups <= s.hourly.dayMultiple * j.own.lookups.median) return null;
    return { type: VOLUME_HOURLY, day: j.row.day, row: j.row, unitCode: j.unitCode, judgement, baseline: j.baseline, usualDay: j.own.lookups.median };
  }

  /**
   * Nearly every lookup naming a dossier of its own unit, and either within its own habit or, without history here,
   * created by the directory long before (its missing history is the data's, e.g. a first import): a heavy worker
   * (a busy counter), not a finding, however far above its peers. A new account is always compared.
   */
  private heavyWorker(window: VolumeWindow, j: Judged, day: LocalDay, s: VolumeSettings): boolean {
    if (!(j.row.lookups > 0 && j.row.ownUnitDossier / j.row.lookups >= s.peers.explainedShare)) return false;
    if (j.own) return true;
    const createdAt = window.accounts.get(j.row.accountId)?.createdAt;
    return !!createdAt && createdAt < startOfLocalDay(addDays(day, -s.ownBaseline.lookbackCalendarDays));
  }

  private judgeOwn(window: VolumeWindow, day: LocalDay, row: AccountDayVolume, s: VolumeSettings): Judged {
    const unitCode = window.unitOf(row);
    const baseline = this.baselineOf(window, day, row.accountId, unitCode, s);
    // Too little history: judged against its peers only, never for having no past.
    const own = baseline.days.length >= s.ownBaseline.minHistoryDays ? judgeVolume(row, baseline, s.ownBaseline) : null;
    return { row, unitCode, baseline, own };
  }

  /** The working days the account's day is judged against (also for a day it did nothing: the activity chart). */
  baselineOf(window: VolumeWindow, day: LocalDay, accountId: string, unitCode: string | null, s: VolumeSettings): BaselineDays {
    const mine = window.daysOf(accountId);
    const alerted = window.alertedDaysOf(accountId);
    return baselineDays(
      day,
      {
        firstDay: window.firstDays.get(accountId) ?? null,
        isWorkingDay: (d) => window.isWorkingDay(unitCode, d),
        isAlerted: (d) => alerted?.has(d) ?? false,
        unitSurged: (d) => window.unitSurged(unitCode, d),
        countsOf: (d) => mine?.get(d),
      },
      s.ownBaseline,
    );
  }

  /**
   * The peers an account's day is compared with, as detect() picks them (the activity chart shows their median):
   * the day's other people of the same unit and role, else of the same kind of unit and role; null for a service
   * account or too few peers.
   */
  peersOf(window: VolumeWindow, day: LocalDay, accountId: string, unitCode: string | null, s: VolumeSettings): PeerGroup | null {
    const rows = window.rowsOn(day).map((row) => ({ row, unitCode: window.unitOf(row) }));
    return this.pickPeers(window, accountId, unitCode, this.peerGroups(window, rows), s);
  }

  private judgePeers(window: VolumeWindow, j: Judged, groups: PeerGroups<Judged>, s: VolumeSettings): PeerJudgement | null {
    const picked = this.pickPeers(window, j.row.accountId, j.unitCode, groups, s);
    return picked && this.peerJudgement(picked, j, s);
  }

  /** Same unit and role first; else the same kind of unit (working hours' unit kind) and role; else none. */
  private pickPeers<T extends Grouped>(window: VolumeWindow, accountId: string, unitCode: string | null, groups: PeerGroups<T>, s: VolumeSettings): PeerGroup<T> | null {
    const account = window.accounts.get(accountId);
    if (account?.accountType === 'service') return null;
    const role = account?.role ?? null;
    const others = (list: T[] | undefined): T[] => (list ?? []).filter((o) => o.row.accountId !== accountId);
    const sameUnit = others(groups.byUnit.get(`${unitCode}\u0000${role}`));
    if (sameUnit.length >= s.peers.minPeers) return { group: 'unit_role', unitCode, unitKind: null, role, peers: sameUnit };
    const unitKind = this.unitKindOf(unitCode);
    if (!unitKind) return null;
    const sameKind = others(groups.byKind.get(`${unitKind}\u0000${role}`));
    return sameKind.length >= s.peers.minPeers ? { group: 'unit_kind_role', unitCode, unitKind, role, peers: sameKind } : null;
  }

  /** The day's people (service accounts are nobody's peers) by unit and role, and by unit kind and role. */
  private peerGroups<T extends Grouped>(window: VolumeWindow, judged: readonly T[]): PeerGroups<T> {
    const groups: PeerGroups<T> = { byUnit: new Map(), byKind: new Map() };
    const add = (map: Map<string, T[]>, key: string, j: T): void => {
      const list = map.get(key);
      if (list) list.push(j);
      else map.set(key, [j]);
    };
    for (const j of judged) {
      const account = window.accounts.get(j.row.accountId);
      if (account?.accountType === 'service') continue;
      const role = account?.role ?? null;
      add(groups.byUnit, `${j.unitCode}\u0000${role}`, j);
      const kind = this.unitKindOf(j.unitCode);
      if (kind) add(groups.byKind, `${kind}\u0000${role}`, j);
    }
    return groups;
  }

  private peerJudgement({ group, unitCode, unitKind, role, peers }: PeerGroup<Judged>, j: Judged, s: VolumeSettings): PeerJudgement {
    const history = { lookups: peers.map((p) => p.row.lookups), subjects: peers.map((p) => p.row.subjects) };
    return { group, unitCode, unitKind, role, count: peers.length, judgement: judgeVolume(j.row, history, s.peers) };
  }

  /** The kind a unit was given for its working hours: the only kind of unit the service knows reliably. */
  private unitKindOf(unitCode: string | null): string | null {
    const schedule = this.calendar.scheduleOf(unitCode);
    return schedule.source === 'unit_kind' ? schedule.unitKind : null;
  }

  private unitSurges(window: VolumeWindow, day: LocalDay, judged: readonly Judged[], s: VolumeSettings): UnitSurgeFinding[] {
    const byUnit = new Map<string, Judged[]>();
    for (const j of judged) if (j.unitCode) byUnit.set(j.unitCode, [...(byUnit.get(j.unitCode) ?? []), j]);
    const out: UnitSurgeFinding[] = [];
    for (const [unitCode, members] of byUnit) {
      const withHistory = members.filter((m) => m.own && window.accounts.get(m.row.accountId)?.accountType !== 'service');
      const rising = withHistory.filter((m) => rises(m.row.lookups, m.own!.lookups.median, s.unitSurge));
      if (!risesTogether(rising.length, withHistory.length, s.unitSurge)) continue;
      const firsts = members.map((m) => m.row.firstAt).filter((d): d is Date => d !== null);
      out.push({
        type: UNIT_SURGE,
        day,
        unitCode,
        runStart: window.surgeRunStart(unitCode, day),
        accountIds: members.map((m) => m.row.accountId).sort(),
        rising: rising.length,
        judged: withHistory.length,
        memberMedian: median(members.map((m) => m.row.lookups)),
        usualMemberMedian: median(withHistory.map((m) => m.own!.lookups.median)),
        lookups: members.reduce((n, m) => n + m.row.lookups, 0),
        firstAt: firsts.length ? new Date(Math.min(...firsts.map((d) => d.getTime()))) : null,
      });
    }
    return out;
  }
}
