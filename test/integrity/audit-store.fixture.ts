import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditStore, AuditTrailModule, StoredEventRecord } from '@app/audit-trail';
import { Clock, FixedClock } from '@app/common';
import { ConfigModule, loadConfig } from '@app/config';
import { ObservabilityModule } from '@app/observability';

export interface StoreContext {
  app: INestApplicationContext;
  sut: AuditStore;
  dataSource: DataSource;
  clock: FixedClock;
  close(): Promise<void>;
}

/** The audit-trail module as the service wires it, on the given (migrated) database: one "replica". */
export async function bootAuditStore(
  url: string,
  options: { now?: string; embedded?: boolean } = {},
): Promise<StoreContext> {
  // embedded: configured as on the embedded database (no DATABASE_URL), where rows go in by INSERT, not COPY.
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...(options.embedded ? {} : { DATABASE_URL: url }) });
  const clock = new FixedClock(new Date(options.now ?? '2026-11-20T03:00:00Z'));
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(config),
      ObservabilityModule.forRoot(config),
      TypeOrmModule.forRoot({ type: 'postgres', url, poolSize: 4 }),
      AuditTrailModule,
    ],
  })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = await moduleRef.init();
  return {
    app,
    sut: app.get(AuditStore),
    dataSource: app.get(DataSource),
    clock,
    close: () => app.close(),
  };
}

let counter = 0;

/** A realistic stored event (already pseudonymised); override any field. */
export function aStoredEvent(overrides: Partial<StoredEventRecord> = {}): StoredEventRecord {
  counter++;
  return {
    eventId: `igate-${randomUUID()}`,
    occurredAt: new Date(Date.UTC(2026, 10, 20, 1, 0, 0, counter % 1000) + counter * 1000),
    accountId: `cb.tuphap.user${counter % 50}`,
    unitCode: '000.00.10.H52',
    clientIp: `10.52.11.${counter % 250}`,
    sourceSystem: 'igate',
    action: 'lookup',
    subjectHash: randomBytes(32),
    subjectKeyId: 'k1',
    subjectEnc: null,
    subjectCount: null,
    fields: ['fullName', 'dateOfBirth', 'personalId'],
    dossierCode: '000001052-261120-0042',
    procedureCode: '1.001612',
    result: 'success',
    userAgent: 'Mozilla/5.0',
    extra: null,
    flags: [],
    ...overrides,
  };
}

export function someStoredEvents(n: number, overrides: Partial<StoredEventRecord> = {}): StoredEventRecord[] {
  return Array.from({ length: n }, () => aStoredEvent(overrides));
}
