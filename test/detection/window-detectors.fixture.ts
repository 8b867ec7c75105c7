import { startOfLocalDay } from '@app/detection';
import { lookupEvent, TestEvent } from '../ingestion/ingest.fixture';
import { AlertRow } from './volume.fixture';

/** An instant of a local day, hours after its midnight (Vietnam). */
export const localAt = (day: string, hours: number): number => startOfLocalDay(day).getTime() + hours * 3_600_000;

let n = 0;
/** One lookup of a citizen by an account at an instant (ms), without a dossier unless one is given. */
export function lookupAt(accountId: string, unitCode: string, atMs: number, subjectId: string, more: Partial<TestEvent> = {}): TestEvent {
  return lookupEvent(++n, { accountId, unitCode, subjectId, occurredAt: new Date(atMs).toISOString(), clientIp: '10.1.0.7', ...more });
}

/** count personal IDs from first on, now and then skipping one or two (a walk through the register). */
export function consecutiveIds(first: string, count: number): string[] {
  const out: string[] = [];
  for (let id = BigInt(first), i = 0; i < count; i++, id += i % 9 === 0 ? 2n : 1n) out.push(id.toString().padStart(12, '0'));
  return out;
}

/** IDs far apart (each in a block of its own), as ordinary work draws them. */
export const scatteredId = (seed: number, i: number): string => `0${(52_000_000_000 + seed * 1_000_003 + i * 7_919_003).toString().padStart(11, '0')}`.slice(-12);

/** What a reviewer sees of an alert, without its id, timestamps of handling or count of repeats. */
export const finding = (a: AlertRow & { occurred_at?: Date }) => ({
  type: a.type,
  severity: a.severity,
  accountIds: a.account_ids,
  windowStart: a.window_start,
  windowEnd: a.window_end,
  evidence: a.evidence,
  explanationVi: a.explanation_vi,
  explanationEn: a.explanation_en,
});
