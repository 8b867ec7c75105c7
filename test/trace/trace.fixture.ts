import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import { Role } from '@app/auth';
import { bearerFor } from '../utils/auth';

export const OLD_KEY = 'trace-test-old-subject-key-0123456789abcdef';
export const NEW_KEY = 'trace-test-new-subject-key-fedcba9876543210';
export const ENCRYPTION_KEY = randomBytes(32).toString('hex');
/** What the service is given after the rotation: the new key, the old one kept for search. */
export const ROTATED_ENV = {
  SUBJECT_HASH_KEY: NEW_KEY,
  SUBJECT_HASH_KEY_ID: 'k1',
  SUBJECT_HASH_PREVIOUS_KEYS: `k0=${OLD_KEY}`,
  SUBJECT_ENCRYPTION_KEY: ENCRYPTION_KEY,
};
export const BEFORE_ROTATION_ENV = { SUBJECT_HASH_KEY: OLD_KEY, SUBJECT_HASH_KEY_ID: 'k0', SUBJECT_ENCRYPTION_KEY: ENCRYPTION_KEY };

export const hmacHex = (key: string, id: string): string => createHmac('sha256', key).update(id, 'utf8').digest('hex');
/** A 12-digit personal ID no other test uses. */
export const newPersonalId = (): string => (BigInt('0x' + randomBytes(8).toString('hex')) % 10n ** 12n).toString().padStart(12, '0');

export const CASE = { caseReference: 'QĐ-17/TTr-2026', purpose: 'Thanh tra việc tra cứu của đơn vị H52' };

export interface SeedEvent {
  schemaVersion: 1;
  eventId: string;
  occurredAt: string;
  accountId: string;
  unitCode: string | null;
  clientIp: string;
  sourceSystem: string;
  action: 'login' | 'logout' | 'lookup' | 'verify' | 'export';
  subjectId: string | null;
  subjectCount?: number | null;
  fields: string[];
  dossierCode: string | null;
  procedureCode: string | null;
  result: 'success' | 'not_found' | 'denied' | 'error';
}

/**
 * Varied events: every criterion has values that some events match and others do not, and several events share
 * a second (the cursor breaks ties). Citizens from `citizens`, in turn.
 */
export function seedEvents(n: number, citizens: string[], offset = 0): SeedEvent[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + offset;
    const unitCode = i % 4 === 0 ? '000.00.31.H52' : '000.00.10.H05';
    const action = i % 11 === 0 ? 'login' : i % 5 === 0 ? 'verify' : 'lookup';
    const session = action === 'login';
    return {
      schemaVersion: 1,
      eventId: `trace-${randomUUID()}`,
      occurredAt: new Date(Date.UTC(2026, 9, 1 + (i % 25), 2 + (i % 3), 0, 0) + Math.floor(i / 50) * 1000).toISOString().replace('Z', '+07:00'),
      accountId: `cb.trace.${i % 4}`,
      unitCode,
      clientIp: i % 6 === 0 ? `10.20.${i % 4}.${i % 200}` : '192.168.7.9',
      sourceSystem: i % 3 === 0 ? 'dvc' : 'igate',
      action,
      subjectId: session ? null : citizens[i % citizens.length],
      fields: session ? [] : i % 7 === 0 ? ['fullName', 'religion'] : ['fullName', 'dateOfBirth'],
      dossierCode: session || i % 9 === 0 ? null : `${i % 8 === 0 ? '000.00.99.H01' : unitCode}-261001-000${i % 3}`,
      procedureCode: session || i % 10 === 0 ? null : i % 2 ? '1.001612' : '2.000001',
      result: i % 13 === 0 ? 'denied' : i % 17 === 0 ? 'not_found' : 'success',
    };
  });
}

export async function ingest(app: INestApplication, events: SeedEvent[]): Promise<void> {
  const operator = await bearerFor(app, Role.OPERATOR);
  const res = await request(app.getHttpServer()).post('/v1/ingest/events').set('Authorization', operator).send(events).expect(200);
  expect(res.body).toMatchObject({ accepted: events.length, rejected: 0 });
}
