import type { QueryLogEventV1 } from '@app/contracts';
import { SeededRandom } from './random.util';
import type { DraftEvent } from './session.type';
import { formatOccurredAt, localDate } from './working-hours.util';

/** Short tag of a seed in event ids: runs with different seeds never share an eventId. */
export function eventIdTag(seed: string): string {
  return (new SeededRandom(`${seed}:id`).next() * 36 ** 4).toString(36).slice(0, 4).padStart(4, '0');
}

/** Turns drafts into contract events, numbering them per source system. */
export class EventIds {
  private readonly seq = { igate: 0, 'dvc-buudien': 0 };

  constructor(private readonly tag: string) {}

  toEvent(d: DraftEvent): QueryLogEventV1 {
    const { unit } = d.account;
    const postal = unit.sourceSystem === 'dvc-buudien';
    const n = ++this.seq[unit.sourceSystem];
    const event: QueryLogEventV1 = {
      schemaVersion: 1,
      eventId: `${postal ? 'bd' : 'igate'}-${localDate(d.at).yyyymmdd}-${this.tag}${String(n).padStart(7, '0')}`,
      // The postal system writes whole seconds, the TTHC system milliseconds.
      occurredAt: formatOccurredAt(d.at, !postal),
      accountId: d.account.accountId,
      unitCode: unit.code,
      clientIp: d.clientIp ?? d.account.clientIp,
      sourceSystem: unit.sourceSystem,
      action: d.action,
      subjectId: d.subjectId,
    };
    if (d.action === 'export') event.subjectCount = d.subjectCount ?? 0;
    event.fields = d.fields;
    event.dossierCode = d.dossierCode;
    event.procedureCode = d.procedureCode;
    event.result = d.result;
    if (postal) event.terminalId = d.account.terminalId;
    else event.userAgent = d.account.userAgent;
    return event;
  }
}
