import type { RaiseAlertInput } from '@app/alerts';
import { addDays, startOfLocalDay } from '../calendar/local-day.util';
import { explainedShareOf } from '../explained/explained-share.service';
import { severityOf } from '../volume/volume-rules.util';
import type { ShareWindowFinding } from './share-window-finding.type';
import type { ShareWindowSettings } from './share-window-settings.util';

const share = (part: number, whole: number): number | null => explainedShareOf(part, whole);

/**
 * A share finding as an alert: the window from the start of the run's first window to the end of its last day,
 * keyed by type, account and the run's first day (a run growing day by day, or scanned again, is one alert).
 */
export function shareWindowAlert(
  type: string,
  rule: string,
  f: ShareWindowFinding,
  s: ShareWindowSettings,
  extra: Record<string, unknown>,
): RaiseAlertInput {
  const o = f.observed;
  return {
    type,
    severity: severityOf(f.ratio, s.severity),
    score: f.ratio,
    accountId: f.accountId,
    unitCode: f.unitCode,
    occurredAt: f.firstAt ?? startOfLocalDay(f.window.from),
    windowStart: startOfLocalDay(f.runWindowFrom),
    windowEnd: startOfLocalDay(addDays(f.day, 1)),
    dedupKey: `${type}:${f.accountId}:${f.runStart}`,
    evidence: {
      rule,
      parameters: s,
      day: f.day,
      since: f.runStart,
      flaggedDays: f.runDays,
      window: f.window,
      observed: { lookups: o.lookups, count: o.count, share: o.share },
      expected: { own: 'share' in f.own ? f.own.share : null, peers: f.peers?.share ?? null, threshold: f.threshold },
      baseline: 'share' in f.own ? { judged: true, ...f.own } : { judged: false, days: f.own.days, minHistoryDays: s.minHistoryDays },
      peers: f.peers,
      explainedShare: share(o.explained, o.lookups),
      withDossierShare: share(o.withDossier, o.lookups),
      ownUnitDossierShare: share(o.ownUnitDossier, o.lookups),
      ...extra,
    },
  };
}
