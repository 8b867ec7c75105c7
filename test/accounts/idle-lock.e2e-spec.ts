import { createHmac } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import {
  AccountCommandDelivery,
  AccountLockService,
  AccountCommandRepository,
  AccountsService,
  AccountStatusCache,
  DirectorySyncService,
  IdleLockService,
} from '@app/accounts';
import { FixedClock } from '@app/common';
import { testKafkaBrokers } from '../utils/test-database';
import { startWebhookReceiver, WebhookReceiver } from '../utils/webhook-receiver';
import { AccountsHarness, bootAccounts, directoryEntry, storeBatch, uniqueCommandTopic } from './accounts-harness';

const SECRET = 'test-webhook-secret-0123456789';

describe(IdleLockService.name, () => {
  const clock = new FixedClock(new Date('2026-08-24T10:00:00+07:00'));
  const topic = uniqueCommandTopic();
  let receiver: WebhookReceiver;
  let h: AccountsHarness;
  let sut: IdleLockService;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    h = await bootAccounts({
      clock,
      env: {
        KAFKA_BROKERS: testKafkaBrokers(),
        ACCOUNT_COMMAND_TOPIC: topic,
        ACCOUNT_COMMAND_WEBHOOK_URL: receiver.url,
        ACCOUNT_COMMAND_WEBHOOK_SECRET: SECRET,
        ACCOUNT_COMMAND_RETRY_BASE: '30s',
        // Logs known since 1 January: before the events fed here (to the accounts feature alone, not the store).
        ACCOUNT_OBSERVATION_START: '2026-01-01T00:00:00+07:00',
      },
    });
    sut = h.get(IdleLockService);
  });

  afterAll(async () => {
    await h?.close();
    await receiver?.close();
  });

  it('locks an account at 3 calendar months idle, not a day before, and tells the TTHC system', async () => {
    clock.set('2026-08-24T10:00:00+07:00');
    await h.get(DirectorySyncService).sync([directoryEntry('cb.idle.a')], 'json', 'delta', 'producer:tthc');
    await storeBatch(h, [{ accountId: 'cb.idle.a', at: '2026-08-24T10:00:00+07:00' }]);

    clock.set('2026-11-23T23:59:00+07:00');
    expect((await sut.run()).locked).not.toContain('cb.idle.a');
    expect((await h.get(AccountsService).get('cb.idle.a')).state).toBe('active');

    clock.set('2026-11-24T00:30:00+07:00');
    expect((await sut.run()).locked).toContain('cb.idle.a');
    const account = await h.get(AccountsService).get('cb.idle.a');
    expect(account).toMatchObject({ state: 'locked', lockReason: 'idle', lockDueOn: '2026-11-24' });

    await h.get(AccountCommandDelivery).deliverDue(); // also waits for the prompt delivery the lock started
    const [command] = await h.get(AccountCommandRepository).list({ accountId: 'cb.idle.a', limit: 5, offset: 0 });
    expect(command).toMatchObject({ action: 'lock', state: 'delivered' });

    const request = receiver.requests.find((r) => JSON.parse(r.body).accountId === 'cb.idle.a')!;
    expect(request.headers['idempotency-key']).toBe(command.idempotencyKey);
    expect(request.headers['x-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(request.body).digest('hex')}`);
    expect(JSON.parse(request.body)).toMatchObject({ action: 'lock', accountId: 'cb.idle.a', idempotencyKey: command.idempotencyKey });

    const onTopic = await readTopic(topic, 1);
    expect(onTopic[0]).toMatchObject({ key: 'cb.idle.a', value: { action: 'lock', idempotencyKey: command.idempotencyKey } });

    const history = await h.get(AccountsService).historyOf('cb.idle.a');
    const lock = history.find((e) => e.changeKind === 'locked')!;
    expect(lock).toMatchObject({ actor: 'system:idle-lock-job', after: { state: 'locked', lockReason: 'idle' } });
    expect(lock.evidence).toMatchObject({ lastActivityAt: '2026-08-24T03:00:00.000Z', lockDueOn: '2026-11-24' });

    await h.get(AccountStatusCache).refresh(['cb.idle.a']);
    expect(h.get(AccountStatusCache).get('cb.idle.a')).toMatchObject({ mayUse: false, state: 'locked', lastCommand: { state: 'delivered' } });
  });

  it('locks an account created more than 3 months ago and never used', async () => {
    // Listed the day after its creation (a sync after the first one): its count starts at the listing, 21 August.
    clock.set('2026-08-21T09:00:00+07:00');
    await h.get(DirectorySyncService).sync(
      [directoryEntry('cb.never.used', { createdAt: '2026-08-20T09:00:00+07:00' }), directoryEntry('cb.new', { createdAt: '2026-10-01T09:00:00+07:00' })],
      'json',
      'delta',
      'producer:tthc',
    );
    clock.set('2026-11-24T00:30:00+07:00');
    const run = await sut.run();
    expect(run.locked).toContain('cb.never.used');
    expect(run.locked).not.toContain('cb.new');
  });

  it('retries a webhook that fails twice, with backoff, until it succeeds', async () => {
    clock.set('2026-11-24T09:00:00+07:00');
    await h.get(DirectorySyncService).sync([directoryEntry('cb.retry')], 'json', 'delta', 'producer:tthc');
    const delivery = h.get(AccountCommandDelivery);
    await delivery.deliverDue();
    receiver.failNext(2);
    const before = receiver.requests.length;
    const attemptsSoFar = () => receiver.requests.slice(before).filter((r) => JSON.parse(r.body).accountId === 'cb.retry').length;
    await h.get(AccountLockService).lock('cb.retry', 'user:admin', 'test', clock.now());

    await delivery.deliverDue(); // the first attempt starts at once and fails
    expect(attemptsSoFar()).toBe(1);
    clock.advance(29_000);
    await delivery.deliverDue();
    expect(attemptsSoFar()).toBe(1); // backoff: not before 30 s
    clock.advance(1_000);
    await delivery.deliverDue();
    expect(attemptsSoFar()).toBe(2);
    clock.advance(59_000);
    await delivery.deliverDue();
    expect(attemptsSoFar()).toBe(2); // doubled: not before 60 s more
    clock.advance(1_000);
    await delivery.deliverDue();
    expect(attemptsSoFar()).toBe(3);

    const attempts = receiver.requests.slice(before).filter((r) => JSON.parse(r.body).accountId === 'cb.retry');
    expect(attempts.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(new Set(attempts.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    const [command] = await h.get(AccountCommandRepository).list({ accountId: 'cb.retry', limit: 1, offset: 0 });
    expect(command).toMatchObject({ state: 'delivered', attempts: 3 });
    expect(command.kafkaDeliveredAt).not.toBeNull();
  });
});

async function readTopic(topic: string, n: number): Promise<{ key: string; value: Record<string, unknown> }[]> {
  const kafka = new Kafka({ clientId: 'accounts-test', brokers: testKafkaBrokers().split(','), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `accounts-test-${topic}` });
  const seen: { key: string; value: Record<string, unknown> }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${seen.length} message(s) on ${topic}`)), 20000);
    void consumer.run({
      eachMessage: async ({ message }) => {
        seen.push({ key: message.key!.toString(), value: JSON.parse(message.value!.toString()) });
        if (seen.length >= n) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return seen;
}
