import { QualityScore, UNIT_NOTICE } from './detection-quality-score.util';

const TARGET = { recall: 0.95, precision: 0.9, alertsPer100PerDay: 0.5 };
const pct = (x: number | null): string => (x === null ? '—' : x.toFixed(2));
const verdict = (ok: boolean): string => (ok ? 'MET' : 'MISSED');

interface PrintedResult {
  seed: string;
  mix: string;
  events: number;
  alerts: number;
  alertsPer100AccountsPerDay: number;
  personAlertsPer100AccountsPerDay: number;
  dossierShare: { lookups: number; withDossier: number; ownUnitDossier: number };
}

/** The run's figures as a reviewer reads them: per kind, per alert type, overall against the targets. */
export function printScore(r: PrintedResult, s: QualityScore): void {
  console.log(`\n== Detection quality: seed ${r.seed}, mix ${r.mix}, ${r.events.toLocaleString('en')} events`);
  console.log('\nkind                      det  accounts found recall  alert types');
  for (const k of s.kinds) {
    const types = k.alertTypes.length ? k.alertTypes.join(', ') : 'no detector yet (counted as missed)';
    console.log(`${k.kind.padEnd(26)}${String(k.detector).padStart(3)}  ${String(k.accounts).padStart(8)} ${String(k.found).padStart(5)} ${pct(k.recall).padStart(6)}  ${types}`);
  }
  console.log('\nalert type            alerts matching (in window) other-misuse benign ordinary precision | accounts matching precision');
  for (const t of s.types) {
    // A unit notice is right on a labelled campaign: its figures are the line below the table.
    if (t.type === UNIT_NOTICE) continue;
    const benign = Object.values(t.onBenign).reduce((a, b) => a + b, 0);
    console.log(
      `${t.type.padEnd(22)}${String(t.alerts).padStart(6)} ${String(t.matching).padStart(8)} ${`(${t.matchingInWindow})`.padStart(11)} ${String(t.onOtherMisuse).padStart(12)} ${String(benign).padStart(6)} ${String(t.onOrdinary).padStart(8)} ${pct(t.precision).padStart(9)} | ${String(t.accounts).padStart(8)} ${String(t.matchingAccounts).padStart(8)} ${pct(t.accountPrecision).padStart(9)}`,
    );
  }
  const o = s.overall;
  console.log(`\nunit notices (unit_surge): ${s.unitNotices.notices}, on a labelled campaign: ${s.unitNotices.onLabelledCampaign}`);
  console.log(`false positives (alerts about people on accounts without misuse) by case: ${JSON.stringify(s.falsePositivesByBenignKind)}`);
  console.log(`lookups with a dossier: ${(100 * r.dossierShare.withDossier).toFixed(1)}% (of the own unit: ${(100 * r.dossierShare.ownUnitDossier).toFixed(1)}%) of ${r.dossierShare.lookups.toLocaleString('en')}`);
  console.log(
    `\noverall recall ${pct(o.recall)} (${o.foundByMatchingType}/${o.misuseAccounts} misuse accounts by a matching alert type; any alert near the window: ${pct(o.recallAnyAlert)}) — target ≥ ${TARGET.recall}: ${verdict(o.recall >= TARGET.recall)}`,
  );
  console.log(`overall precision ${pct(o.precision)} (${o.alertsOnMisuse}/${o.alerts} alerts about people on a misuse account; by account ${pct(o.accountPrecision)}, ${o.alertedMisuseAccounts}/${o.alertedAccounts}; in or near the label's window ${pct(o.precisionInWindow)}, ${o.alertsInMisuseWindow}) — target ≥ ${TARGET.precision}: ${verdict((o.precision ?? 0) >= TARGET.precision)}`);
  console.log(
    `alerts per 100 accounts per day ${r.alertsPer100AccountsPerDay.toFixed(3)} (${r.alerts} alerts; without unit notices ${r.personAlertsPer100AccountsPerDay.toFixed(3)}) — target ≤ ${TARGET.alertsPer100PerDay}: ${verdict(r.alertsPer100AccountsPerDay <= TARGET.alertsPer100PerDay)}`,
  );
}
