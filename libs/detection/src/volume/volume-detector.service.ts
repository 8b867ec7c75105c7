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

interface PeerGroups {
  byUnit: Map<string, Judged[]>;
  byKind: Map<string, Judged[]>;
}

interface Judged {
  row: AccountDayVolume;
  unitCode: string | null;
  baseline: BaselineDays;
  own: VolumeJudgement | null;
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
    const mine = window.daysOf(row.accountId);
    const alerted = window.alertedDaysOf(row.accountId);
    const baseline = baselineDays(
      day,
      {
        firstDay: window.firstDays.get(row.accountId) ?? null,
        isWorkingDay: (d) => window.isWorkingDay(unitCode, d),
        isAlerted: (d) => alerted?.has(d) ?? false,
        unitSurged: (d) => window.unitSurged(unitCode, d),
        countsOf: (d) => mine?.get(d),
      },
      s.ownBaseline,
    );
    // Too little history: judged against its peers only, never for having no past.
    const own = baseline.days.length >= s.ownBaseline.minHistoryDays ? judgeVolume(row, baseline, s.ownBaseline) : null;
    return { row, unitCode, baseline, own };
  }

  /** Same unit and role first; else the same kind of unit (working hours' unit kind) and role; else none. */
  private judgePeers(window: VolumeWindow, j: Judged, groups: PeerGroups, s: VolumeSettings): PeerJudgement | null {
    const account = window.accounts.get(j.row.accountId);
    if (account?.accountType === 'service') return null;
    const role = account?.role ?? null;
    const others = (list: Judged[] | undefined): Judged[] => (list ?? []).filter((o) => o !== j);
    const sameUnit = others(groups.byUnit.get(`${j.unitCode}\u0000${role}`));
    if (sameUnit.length >= s.peers.minPeers) return this.peerJudgement('unit_role', j, sameUnit, null, role, s);
    const unitKind = this.unitKindOf(j.unitCode);
    if (!unitKind) return null;
    const sameKind = others(groups.byKind.get(`${unitKind}\u0000${role}`));
    return sameKind.length >= s.peers.minPeers ? this.peerJudgement('unit_kind_role', j, sameKind, unitKind, role, s) : null;
  }

  /** The day's people (service accounts are nobody's peers) by unit and role, and by unit kind and role. */
  private peerGroups(window: VolumeWindow, judged: readonly Judged[]): PeerGroups {
    const groups: PeerGroups = { byUnit: new Map(), byKind: new Map() };
    const add = (map: Map<string, Judged[]>, key: string, j: Judged): void => {
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

  private peerJudgement(group: PeerJudgement['group'], j: Judged, peers: Judged[], unitKind: string | null, role: string | null, s: VolumeSettings): PeerJudgement {
    const history = { lookups: peers.map((p) => p.row.lookups), subjects: peers.map((p) => p.row.subjects) };
    return { group, unitCode: j.unitCode, unitKind, role, count: peers.length, judgement: judgeVolume(j.row, history, s.peers) };
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
