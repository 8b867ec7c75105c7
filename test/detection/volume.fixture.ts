import request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import { addDays, startOfLocalDay, weekdayOf } from '@app/detection';
import { lookupEvent, sql, TestEvent } from '../ingestion/ingest.fixture';

/** n working days (Monday to Friday; no public holiday falls in October-November 2026) from a day on. */
export function workingDays(from: string, n: number): string[] {
  const out: string[] = [];
  for (let d = from; out.length < n; d = addDays(d, 1)) if (weekdayOf(d) !== 0 && weekdayOf(d) !== 6) out.push(d);
  return out;
}

/**
 * n lookups of an account on a local day from 08:00, each of a different citizen; the first withDossier name a
 * dossier of its unit and a procedure (birth registration) whose need their fields are within: explained. From one
 * office machine: an address per event would look like a walk across networks.
 */
export function dayOfLookups(accountId: string, unitCode: string, day: string, n: number, withDossier = 0): TestEvent[] {
  const eight = startOfLocalDay(day).getTime() + 8 * 3_600_000;
  return Array.from({ length: n }, (_, i) =>
    lookupEvent(i, {
      accountId,
      unitCode,
      clientIp: '10.20.0.10',
      occurredAt: new Date(eight + i * 20_000).toISOString(),
      ...(i < withDossier ? { dossierCode: `${unitCode}-${day.replaceAll('-', '')}-${i}`, procedureCode: '1.001612' } : {}),
    }),
  );
}

export async function ingest(app: INestApplication, token: string, events: TestEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 3000) {
    await request(app.getHttpServer()).post('/v1/ingest/events').set('Authorization', token).send(events.slice(i, i + 3000)).expect(200);
  }
}

export interface AlertRow {
  type: string;
  severity: string;
  account_ids: string[];
  window_start: Date;
  window_end: Date;
  evidence: Record<string, unknown>;
  explanation_vi: string;
  explanation_en: string;
  occurrences: number;
}

/** The alerts about any of the accounts, oldest window first. */
export function alertsOf(url: string, accountIds: string[]): Promise<AlertRow[]> {
  return sql<AlertRow>(
    url,
    `SELECT type, severity, account_ids, window_start, window_end, evidence, explanation_vi, explanation_en, occurrences
     FROM alert WHERE account_ids && $1::text[] ORDER BY window_start, type`,
    [accountIds],
  );
}
