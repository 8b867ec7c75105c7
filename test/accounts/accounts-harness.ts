import { Test, TestingModule } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AccountsModule, AccountActivityService } from '@app/accounts';
import { Clock, FixedClock } from '@app/common';
import { AppConfig, ConfigModule, loadConfig } from '@app/config';
import { DatabaseModule } from '@app/database';
import { KafkaModule } from '@app/kafka';
import { ObservabilityModule } from '@app/observability';
import type { StoredEventSummary } from '@app/audit-trail';
import { createMigratedDatabase, TestDatabase } from '../utils/test-database';

export interface AccountsHarness {
  moduleRef: TestingModule;
  config: AppConfig;
  dataSource: DataSource;
  get<T>(type: new (...args: never[]) => T): T;
  close(): Promise<void>;
}

/** A unique Kafka topic for one test file's account commands. */
export const uniqueCommandTopic = (): string => `tthc.account-commands.test-${randomBytes(4).toString('hex')}`;

/**
 * The accounts feature on its own (with its real collaborators: PostgreSQL, Kafka when configured, SMTP and
 * webhook when configured) and an injected clock. Several harnesses on one database act as replicas.
 */
export async function bootAccounts(options: { clock: FixedClock; env?: Record<string, string>; db?: TestDatabase }): Promise<AccountsHarness> {
  const db = options.db ?? (await createMigratedDatabase());
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', ROLES: 'api', DATABASE_URL: db.url, ...options.env });
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), ObservabilityModule.forRoot(config), DatabaseModule.forRoot(db.url), KafkaModule, AccountsModule],
  })
    .overrideProvider(Clock)
    .useValue(options.clock)
    .compile();
  await moduleRef.init();
  return {
    moduleRef,
    config,
    dataSource: moduleRef.get(DataSource),
    get: (type) => moduleRef.get(type, { strict: false }),
    async close() {
      await moduleRef.close();
      if (!options.db) await db.drop();
    },
  };
}

let eventSeq = 0;

/** Feeds events to the accounts feature as the audit store does: one batch, inside a transaction. */
export async function storeBatch(h: AccountsHarness, events: { accountId: string; at: string; action?: StoredEventSummary['action'] }[]): Promise<void> {
  const handler = h.get(AccountActivityService);
  await h.dataSource.transaction((m) =>
    handler.handleStoredBatch(
      {
        batchId: String(++eventSeq),
        events: events.map((e) => ({
          eventId: `evt-${process.pid}-${++eventSeq}`,
          accountId: e.accountId,
          unitCode: '000.00.10.H52',
          occurredAt: new Date(e.at),
          action: e.action ?? 'lookup',
          sourceSystem: 'tthc',
          flags: [],
          clientIp: '10.0.0.7',
          subjectHash: null,
          subjectBlock: null,
          subjectCount: null,
          fields: [],
          dossierCode: null,
          procedureCode: null,
          result: 'success',
        })),
      },
      m,
    ),
  );
}

/** A directory entry in the contract's shape. */
export function directoryEntry(accountId: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    accountId,
    fullName: `Cán bộ ${accountId}`,
    unitCode: '000.00.10.H52',
    unitName: 'Sở Tư pháp',
    role: 'chuyen_vien',
    accountType: 'person',
    status: 'active',
    email: `${accountId}@example.gov.vn`,
    createdAt: '2025-01-02T08:00:00+07:00',
    lastLoginAt: null,
    ...over,
  };
}
