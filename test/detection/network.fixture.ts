import { startOfLocalDay } from '@app/detection';
import { lookupEvent, TestEvent } from '../ingestion/ingest.fixture';

/** n lookups of an account from one address, `everySeconds` apart from a local time ("09:00") of a day, each naming a dossier of its unit. */
export function sessionFrom(accountId: string, unitCode: string, day: string, time: string, clientIp: string, n: number, everySeconds = 120): TestEvent[] {
  const [h, m] = time.split(':').map(Number);
  const start = startOfLocalDay(day).getTime() + (h * 60 + m) * 60_000;
  return Array.from({ length: n }, (_, i) =>
    lookupEvent(i, {
      accountId,
      unitCode,
      clientIp,
      occurredAt: new Date(start + i * everySeconds * 1000).toISOString(),
      dossierCode: `${unitCode}-${day.replaceAll('-', '')}-${clientIp}-${i}`,
    }),
  );
}
