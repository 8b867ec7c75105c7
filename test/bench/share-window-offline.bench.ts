/**
 * Detectors 6 and 10 on a labelled province, offline: the simulator's events judged and summed per account and
 * day in memory (the same accountDayDeltas the ingest path runs, with config/procedures.json), then ShareWindow
 * over every day, scored against the labels. No database or broker: a quick check of the rule between full
 * bench:detection runs. Working days are the simulator's (its units' office days).
 *   node -r @swc-node/register test/bench/share-window-offline.bench.ts [seed] [mix] [scale]
 */
import type { StoredEventSummary } from '@app/audit-trail';
import { accountDayDeltas, addDays, loadProcedureCatalogConfig } from '@app/detection';
import { LabelledProvinceGenerator, officeWindows } from '@app/gateway-simulator';
import { loadDetectionSettingsFile } from '../../libs/detection/src/settings/detection-settings.service';
import type { ShareDay } from '../../libs/detection/src/share-window/share-window-finding.type';
import { parseShareWindowSettings } from '../../libs/detection/src/share-window/share-window-settings.util';
import { ShareWindow } from '../../libs/detection/src/share-window/share-window.util';
import type { VolumeAccount } from '../../libs/detection/src/volume/volume.repository';

const [seed = 'eval-1', mix = 'standard', scale = '1'] = process.argv.slice(2);
const generator = new LabelledProvinceGenerator({ seed, mix, scale: Number(scale) });
const needs = new Map([...loadProcedureCatalogConfig().procedures].map(([c, e]) => [c, new Set(e.fields)] as const));
const days = new Map<string, { day: string; accountId: string; unitCode: string | null; lookups: number; explained: number; unneededSensitive: number; withDossier: number; ownUnitDossier: number }>();
let batch: StoredEventSummary[] = [];
let events = 0;
const flush = (): void => {
  for (const d of accountDayDeltas(batch, needs)) {
    const key = `${d.accountId}|${d.day}`;
    const row = days.get(key) ?? { day: d.day, accountId: d.accountId, unitCode: d.unitCode, lookups: 0, explained: 0, unneededSensitive: 0, withDossier: 0, ownUnitDossier: 0 };
    row.lookups += d.lookups;
    row.explained += d.explained;
    row.unneededSensitive += d.unneededSensitive;
    row.withDossier += d.withDossier;
    row.ownUnitDossier += d.ownUnitDossier;
    days.set(key, row);
  }
  batch = [];
};
const started = Date.now();
for (const e of generator) {
  events++;
  batch.push({
    eventId: e.eventId,
    accountId: e.accountId,
    unitCode: e.unitCode ?? null,
    occurredAt: new Date(e.occurredAt),
    action: e.action,
    sourceSystem: e.sourceSystem,
    flags: [],
    clientIp: e.clientIp,
    subjectHash: null,
    subjectBlock: null,
    subjectCount: e.subjectCount ?? null,
    fields: e.fields ?? [],
    dossierCode: e.dossierCode ?? null,
    procedureCode: e.procedureCode ?? null,
    result: e.result ?? 'success',
  });
  if (batch.length >= 5000) flush();
}
flush();
const rows = [...days.values()].filter((r) => r.lookups > 0);
const accounts = new Map<string, VolumeAccount>(
  generator.province.accounts.map((a) => [a.accountId, { accountId: a.accountId, unitCode: a.unit.code, role: a.role, accountType: a.role === 'service' ? 'service' : 'person', createdAt: null }]),
);
const units = new Map(generator.province.units.map((u) => [u.code, u]));
const working = (unitCode: string | null, day: string): boolean => {
  const unit = unitCode ? units.get(unitCode) : undefined;
  return unit ? officeWindows(unit, Date.parse(`${day}T00:00:00+07:00`)).length > 0 : ![0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay());
};
const first = rows.reduce((m, r) => (r.day < m ? r.day : m), '9999');
const last = rows.reduce((m, r) => (r.day > m ? r.day : m), '0000');
const file = loadDetectionSettingsFile();
const lookups = rows.reduce((n, r) => n + r.lookups, 0);
const explained = rows.reduce((n, r) => n + r.explained, 0);
console.log(
  `${seed}/${mix} scale ${scale}: ${events} events, ${rows.length} account-days, ${first} .. ${last}, ${((Date.now() - started) / 1000).toFixed(0)} s; ` +
    `explained ${explained} of ${lookups} lookups (${((100 * explained) / lookups).toFixed(1)}%)`,
);
for (const [section, type, kind] of [
  ['unexplainedLookups', 'unexplained_lookups', 'unexplained-lookups'],
  ['sensitiveFields', 'sensitive_fields', 'sensitive-fields'],
] as const) {
  const parsed = parseShareWindowSettings(file[section], section);
  if (!parsed.settings) throw new Error(parsed.problems.join('; '));
  const s = parsed.settings;
  const count = (r: (typeof rows)[number]): number => (section === 'unexplainedLookups' ? Math.max(0, r.lookups - r.explained - r.unneededSensitive) : r.unneededSensitive);
  const share: (ShareDay & { firstAt: Date | null })[] = rows.map((r) => ({ ...r, count: count(r), firstAt: null }));
  const sut = new ShareWindow(first, last, share, accounts, working, s);
  const found = new Map<string, { runStart: string; day: string; share: number; own: unknown; peers: unknown }>();
  for (let from = first; from <= last; from = addDays(from, 31)) {
    const to = addDays(from, 30) < last ? addDays(from, 30) : last;
    for (const f of sut.findings(from, to)) found.set(`${f.accountId}|${f.runStart}`, { runStart: f.runStart, day: f.day, share: f.observed.share, own: 'share' in f.own ? f.own.share : null, peers: f.peers?.share ?? null });
  }
  const labelled = generator.labels.filter((l) => l.kind === kind).flatMap((l) => l.accountIds);
  const alerted = new Set([...found.keys()].map((k) => k.split('|')[0]));
  const hit = labelled.filter((a) => alerted.has(a));
  console.log(`${type}: ${found.size} alert(s) on ${alerted.size} account(s); labelled ${labelled.length}, found ${hit.length}`);
  for (const [key, f] of found) {
    const account = key.split('|')[0];
    const kinds = generator.labels.filter((l) => l.accountIds.includes(account)).map((l) => l.kind);
    console.log(`  ${account} ${f.runStart}..${f.day} share ${f.share} own ${f.own} peers ${f.peers} labels: ${kinds.join(', ') || 'none'}`);
  }
}
