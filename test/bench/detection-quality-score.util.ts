import type { CaseLabel, MisuseKind } from '@app/gateway-simulator';

/** What the benchmark reads of an alert (GET /v1/alerts items). */
export interface ScoredAlert {
  id: string;
  type: string;
  severity: string;
  accountId: string | null;
  accountIds: string[];
  unitCode: string | null;
  windowStart: string;
  windowEnd: string;
  evidence: Record<string, unknown>;
}

/**
 * The alert types that detect each misuse kind, as built today. An empty list is a kind with no detector yet: it
 * is reported so and its accounts count as missed. Detector 1 (own baseline) and 2 (peers) are one family here:
 * the detector judges an account against itself when it has the history and against its peers otherwise, so either
 * type is the right answer for a volume case. Update this table as detectors land.
 */
export const DETECTED_BY: Record<MisuseKind, string[]> = {
  'volume-spike': ['volume_own_baseline', 'volume_peers'],
  'hourly-burst': ['volume_own_baseline', 'volume_peers', 'volume_hourly'],
  'peer-outlier': ['volume_own_baseline', 'volume_peers'],
  'gradual-growth': ['gradual_growth'],
  'off-hours': ['off_hours'],
  'unexplained-lookups': ['unexplained_lookups'],
  'enumeration-sequential': ['enumeration'],
  'enumeration-distinct': ['enumeration'],
  'foreign-network': ['foreign_network'],
  'concurrent-networks': ['concurrent_networks'],
  'dormant-waking': ['dormant_waking'],
  'sensitive-fields': ['sensitive_fields'],
  'bulk-export': ['bulk_export'],
  'cross-unit-citizen': ['cross_unit_citizen'],
  'locked-account-use': ['locked_account_in_use'],
};

/** A unit notice is the intended answer to a registered campaign, not a finding about a person. */
export const UNIT_NOTICE = 'unit_surge';
/** "Near the label's window": a day-level alert of the label's first or last day still counts. */
const NEAR_MS = 86_400_000;

export interface KindScore {
  kind: string;
  detector: number;
  alertTypes: string[];
  accounts: number;
  found: number;
  recall: number | null;
  missed: { caseId: string; accountId: string; alertsOnAccount: string[] }[];
}

export interface TypeScore {
  type: string;
  alerts: number;
  /** On an account labelled with a kind this type detects (account level, any day). */
  matching: number;
  /** Of those, in or near that label's window. */
  matchingInWindow: number;
  onOtherMisuse: number;
  onBenign: Record<string, number>;
  onOrdinary: number;
  precision: number | null;
  /** Distinct accounts alerted by this type, and of those the ones with a label of a kind it detects. */
  accounts: number;
  matchingAccounts: number;
  accountPrecision: number | null;
}

export interface FalsePositive {
  type: string;
  accountIds: string[];
  day: string;
  benignKinds: string[];
  severity: string;
  observed: unknown;
  expected: unknown;
}

export interface QualityScore {
  kinds: KindScore[];
  types: TypeScore[];
  overall: {
    misuseAccounts: number;
    foundByMatchingType: number;
    foundByAnyAlert: number;
    recall: number;
    recallAnyAlert: number;
    /** Alerts about people (unit notices left out): on an account with any misuse label / all. */
    alerts: number;
    alertsOnMisuse: number;
    precision: number | null;
    /** Stricter: the alert is in or near the window of a misuse label of its account (locked or cross-unit
     * accounts otherwise work normally, so a volume alert on another day of theirs is no finding). */
    alertsInMisuseWindow: number;
    precisionInWindow: number | null;
    /** The same by distinct account: alerted accounts with any misuse label / alerted accounts. */
    alertedAccounts: number;
    alertedMisuseAccounts: number;
    accountPrecision: number | null;
  };
  unitNotices: { notices: number; onLabelledCampaign: number };
  falsePositivesByBenignKind: Record<string, number>;
  falsePositives: FalsePositive[];
}

const isMisuse = (l: CaseLabel): boolean => !l.kind.startsWith('benign:');
const accountsOf = (a: ScoredAlert): string[] => (a.accountIds.length ? a.accountIds : a.accountId ? [a.accountId] : []);
const ratio = (n: number, d: number): number | null => (d ? n / d : null);

function overlapsNear(a: ScoredAlert, l: CaseLabel): boolean {
  const from = Date.parse(l.from) - NEAR_MS;
  const to = Date.parse(l.to) + NEAR_MS;
  return Date.parse(a.windowStart) < to && Date.parse(a.windowEnd) > from;
}

function index(labels: CaseLabel[]): { misuse: Map<string, CaseLabel[]>; benign: Map<string, CaseLabel[]> } {
  const misuse = new Map<string, CaseLabel[]>();
  const benign = new Map<string, CaseLabel[]>();
  for (const l of labels)
    for (const id of l.accountIds) {
      const map = isMisuse(l) ? misuse : benign;
      map.set(id, [...(map.get(id) ?? []), l]);
    }
  return { misuse, benign };
}

function scoreKinds(labels: CaseLabel[], byAccount: Map<string, ScoredAlert[]>): KindScore[] {
  const kinds = [...new Set(labels.filter(isMisuse).map((l) => l.kind as MisuseKind))].sort();
  return kinds.map((kind) => {
    const types = DETECTED_BY[kind] ?? [];
    const cases = labels.filter((l) => l.kind === kind);
    const missed: KindScore['missed'] = [];
    let accounts = 0;
    for (const l of cases)
      for (const accountId of l.accountIds) {
        accounts++;
        const alerts = byAccount.get(accountId) ?? [];
        if (!alerts.some((a) => types.includes(a.type) && overlapsNear(a, l)))
          missed.push({
            caseId: l.caseId,
            accountId,
            alertsOnAccount: alerts.map((a) => `${a.type}@${a.windowStart.slice(0, 10)}`),
          });
      }
    const found = types.length ? accounts - missed.length : 0;
    return {
      kind,
      detector: cases[0].detector,
      alertTypes: types,
      accounts,
      found,
      recall: types.length ? ratio(found, accounts) : null,
      missed,
    };
  });
}

function falsePositive(a: ScoredAlert, benign: Map<string, CaseLabel[]>): FalsePositive {
  const e = a.evidence;
  return {
    type: a.type,
    accountIds: accountsOf(a),
    day: String(e.day ?? a.windowStart.slice(0, 10)),
    benignKinds: [...new Set(accountsOf(a).flatMap((id) => (benign.get(id) ?? []).map((l) => l.kind)))],
    severity: a.severity,
    observed: e.observed,
    expected: e.expected,
  };
}

function scoreTypes(alerts: ScoredAlert[], labels: CaseLabel[]): Pick<QualityScore, 'types' | 'falsePositives'> {
  const { misuse, benign } = index(labels);
  const byType = new Map<string, ScoredAlert[]>();
  for (const a of alerts) byType.set(a.type, [...(byType.get(a.type) ?? []), a]);
  const falsePositives: FalsePositive[] = [];
  const types = [...byType].sort(([x], [y]) => x.localeCompare(y)).map(([type, list]): TypeScore => {
    const s: TypeScore = { type, alerts: list.length, matching: 0, matchingInWindow: 0, onOtherMisuse: 0, onBenign: {}, onOrdinary: 0, precision: null, accounts: 0, matchingAccounts: 0, accountPrecision: null };
    for (const a of list) {
      const misuseLabels = accountsOf(a).flatMap((id) => misuse.get(id) ?? []);
      const matching = misuseLabels.filter((l) => DETECTED_BY[l.kind as MisuseKind]?.includes(type));
      if (matching.length) {
        s.matching++;
        if (matching.some((l) => overlapsNear(a, l))) s.matchingInWindow++;
      } else if (misuseLabels.length) s.onOtherMisuse++;
      else {
        const fp = falsePositive(a, benign);
        if (type !== UNIT_NOTICE) falsePositives.push(fp);
        if (!fp.benignKinds.length) s.onOrdinary++;
        for (const k of fp.benignKinds) s.onBenign[k] = (s.onBenign[k] ?? 0) + 1;
      }
    }
    s.precision = ratio(s.matching, s.alerts);
    const alerted = new Set(list.flatMap(accountsOf));
    s.accounts = alerted.size;
    s.matchingAccounts = [...alerted].filter((id) => (misuse.get(id) ?? []).some((l) => DETECTED_BY[l.kind as MisuseKind]?.includes(type))).length;
    s.accountPrecision = ratio(s.matchingAccounts, s.accounts);
    return s;
  });
  return { types, falsePositives };
}

/** Account-level precision and recall of the alerts against the labels (docs/detection-quality.md, "Method"). */
export function scoreDetection(alerts: ScoredAlert[], labels: CaseLabel[]): QualityScore {
  const { misuse } = index(labels);
  // A finding about a source system or a mass change names no account: not a judgement of a person either.
  const people = alerts.filter((a) => a.type !== UNIT_NOTICE && accountsOf(a).length > 0);
  const byAccount = new Map<string, ScoredAlert[]>();
  for (const a of people) for (const id of accountsOf(a)) byAccount.set(id, [...(byAccount.get(id) ?? []), a]);
  const kinds = scoreKinds(labels, byAccount);
  const { types, falsePositives } = scoreTypes(alerts, labels);
  let foundByMatchingType = 0;
  let foundByAnyAlert = 0;
  for (const [id, ls] of misuse) {
    const list = byAccount.get(id) ?? [];
    if (ls.some((l) => list.some((a) => DETECTED_BY[l.kind as MisuseKind]?.includes(a.type) && overlapsNear(a, l)))) foundByMatchingType++;
    if (ls.some((l) => list.some((a) => overlapsNear(a, l)))) foundByAnyAlert++;
  }
  const alerted = [...byAccount.keys()];
  const alertedMisuse = alerted.filter((id) => misuse.has(id)).length;
  const alertsOnMisuse = people.filter((a) => accountsOf(a).some((id) => misuse.has(id))).length;
  const alertsInMisuseWindow = people.filter((a) => accountsOf(a).some((id) => (misuse.get(id) ?? []).some((l) => overlapsNear(a, l)))).length;
  const campaigns = labels.filter((l) => l.kind === 'benign:unit-surge');
  const notices = alerts.filter((a) => a.type === UNIT_NOTICE);
  const falsePositivesByBenignKind: Record<string, number> = {};
  for (const fp of falsePositives)
    for (const k of fp.benignKinds.length ? fp.benignKinds : ['(no case: ordinary work)'])
      falsePositivesByBenignKind[k] = (falsePositivesByBenignKind[k] ?? 0) + 1;
  return {
    kinds,
    types,
    overall: {
      misuseAccounts: misuse.size,
      foundByMatchingType,
      foundByAnyAlert,
      recall: ratio(foundByMatchingType, misuse.size) ?? 0,
      recallAnyAlert: ratio(foundByAnyAlert, misuse.size) ?? 0,
      alerts: people.length,
      alertsOnMisuse,
      precision: ratio(alertsOnMisuse, people.length),
      alertsInMisuseWindow,
      precisionInWindow: ratio(alertsInMisuseWindow, people.length),
      alertedAccounts: alerted.length,
      alertedMisuseAccounts: alertedMisuse,
      accountPrecision: ratio(alertedMisuse, alerted.length),
    },
    unitNotices: {
      notices: notices.length,
      onLabelledCampaign: notices.filter((n) => campaigns.some((c) => c.unitCodes.includes(n.unitCode ?? '') && overlapsNear(n, c))).length,
    },
    falsePositivesByBenignKind,
    falsePositives,
  };
}
