import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@app/config';
import { AuditStore, eventKeyOf, StoredEventRecord } from '@app/audit-trail';
import { Clock } from '@app/common';
import { SourceFlag, SourceSystemRegistry, SourceSystemRepository } from '@app/source-systems';
import { DeadLetterPublisher } from './dead-letter.service';
import { IngestMetrics } from './ingest-metrics.service';
import { IngestContext, IngestOutcome, RawRecord, RecordPosition, RejectedRecord } from './ingest.type';
import { RejectionReason } from './validation/rejection-reason.constant';
import { maskFieldCodes, maskPersonalIds } from './personal-data/personal-id-mask.util';
import { SubjectPseudonymizer } from './personal-data/subject-pseudonymizer.service';
import { RejectionRepository, RejectionRow } from './rejections/rejection.repository';
import { toStoredRecord } from './stored-event-record.util';
import { EventValidator } from './validation/event-validator.service';

/** Longest raw payload kept with a rejection (a record can be up to a Kafka message in size). */
const MAX_RAW_CHARS = 16_384;

interface Checked {
  records: StoredEventRecord[];
  /** Per record (by eventKeyOf) that carries a flag: what to add to the per-system flag summary once it is stored. */
  flagged: Map<string, { undeclaredFields: string[] }>;
  rejected: RejectionRow[];
  rejections: RejectedRecord[];
  inBatchDuplicates: number;
}

/**
 * The one ingest path behind Kafka, HTTP and file import: parse, validate against the contract, pseudonymise,
 * flag, store idempotently, and keep every bad record with its reason. Never throws for a bad record; throws
 * only when storage itself fails (the caller retries: nothing is acknowledged before this resolves).
 */
@Injectable()
export class IngestService {
  constructor(
    private readonly validator: EventValidator,
    private readonly pseudonymizer: SubjectPseudonymizer,
    private readonly registry: SourceSystemRegistry,
    private readonly store: AuditStore,
    private readonly rejectionRepository: RejectionRepository,
    private readonly sourceSystems: SourceSystemRepository,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly metrics: IngestMetrics,
    @Inject(Clock) private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async ingest(raws: RawRecord[], context: IngestContext): Promise<IngestOutcome> {
    const stopTimer = this.metrics.batchSeconds.startTimer({ source: context.source });
    const checked = this.check(raws, context);
    // Rejections first and idempotently: if storing fails, the retry finds them kept and skips them.
    await this.rejectionRepository.insertMany(checked.rejected);
    const appended = checked.records.length
      ? await this.store.appendBatch(checked.records, { source: context.source, origin: context.origin })
      : { stored: 0, duplicates: 0, storedRecords: [] };
    await this.deadLetters.publish(checked.rejected);
    await this.recordFlagUsage(checked, appended.storedRecords);
    const duplicates = appended.duplicates + checked.inBatchDuplicates;
    this.metrics.count(context.source, appended.stored, duplicates, checked.rejected.length);
    for (const r of checked.rejected) this.metrics.rejections.inc({ reason: r.reason });
    stopTimer();
    return { accepted: appended.stored, duplicates, rejected: checked.rejected.length, rejections: checked.rejections };
  }

  /** The CPU part, in one tight loop: no I/O. */
  private check(raws: RawRecord[], context: IngestContext): Checked {
    const out: Checked = { records: [], flagged: new Map(), rejected: [], rejections: [], inBatchDuplicates: 0 };
    const seen = new Set<string>();
    const receivedAt = this.clock.now();
    const latestPlausible = receivedAt.getTime() + this.config.ingest.futureSkew * 1000;
    const reject = (raw: RawRecord, payload: string | object, r: Omit<RejectedRecord, 'position' | 'eventId'>) => {
      const rejection = { position: raw.position, eventId: eventIdOf(payload), ...r };
      out.rejections.push(rejection);
      out.rejected.push(toRejectionRow(rejection, payload, receivedAt, (text) => this.pseudonymizer.hashHex(text)));
    };
    for (const raw of raws) {
      const payload = Buffer.isBuffer(raw.payload) ? raw.payload.toString('utf8') : raw.payload;
      const v = typeof payload === 'string' ? this.validator.parseAndValidate(payload) : this.validator.validate(payload);
      if (!v.ok) {
        reject(raw, payload, { reason: v.reason, field: v.field, message: v.message });
        continue;
      }
      const event = v.event;
      if (context.producerSystem !== undefined && event.sourceSystem !== context.producerSystem) {
        reject(raw, payload, { reason: RejectionReason.SOURCE_MISMATCH, field: 'sourceSystem', message: mismatchMessage(context.producerSystem) });
        continue;
      }
      if (event.fields?.length) event.fields = maskFieldCodes(event.fields);
      const key = eventKeyOf(event);
      if (seen.has(key)) {
        out.inBatchDuplicates++;
        continue;
      }
      seen.add(key);
      const check = this.registry.check(event.sourceSystem, event.fields ?? []);
      const future = v.occurredAt.getTime() > latestPlausible;
      const flags = future ? [...check.flags, SourceFlag.FUTURE_TIME] : check.flags;
      if (flags.length) out.flagged.set(key, { undeclaredFields: check.undeclaredFields });
      out.records.push(toStoredRecord(event, this.pseudonymizer, flags, v.occurredAt));
    }
    return out;
  }

  private async recordFlagUsage(checked: Checked, stored: StoredEventRecord[]): Promise<void> {
    if (!checked.flagged.size || !stored.length) return;
    const at = this.clock.now();
    const usage = new Map<string, { sourceSystem: string; flag: SourceFlag; count: number; fields: Set<string> }>();
    for (const record of stored) {
      const flagged = checked.flagged.get(eventKeyOf(record));
      if (!flagged) continue;
      for (const flag of record.flags as SourceFlag[]) {
        const key = `${record.sourceSystem}\u0000${flag}`;
        const entry = usage.get(key) ?? { sourceSystem: record.sourceSystem, flag, count: 0, fields: new Set<string>() };
        entry.count++;
        if (flag === SourceFlag.UNDECLARED_FIELDS) for (const f of flagged.undeclaredFields) entry.fields.add(f);
        usage.set(key, entry);
      }
    }
    await this.sourceSystems.recordFlagUsage([...usage.values()].map((u) => ({ ...u, fields: [...u.fields], at })));
  }
}

function mismatchMessage(producerSystem: string): string {
  return `sourceSystem: this producer key belongs to source system "${producerSystem}" and may send only its events`;
}

function eventIdOf(payload: string | object): string | null {
  if (typeof payload === 'string') {
    const match = /"eventId"\s*:\s*"((?:[^"\\]|\\.){1,128})"/.exec(payload);
    return match ? maskPersonalIds(match[1]) : null;
  }
  const id = (payload as { eventId?: unknown })?.eventId;
  return typeof id === 'string' && id.length <= 128 ? maskPersonalIds(id) : null;
}

function toRejectionRow(r: RejectedRecord, payload: string | object, receivedAt: Date, keyedHash: (text: string) => string): RejectionRow {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload) ?? String(payload);
  const raw = maskPersonalIds(text.length > MAX_RAW_CHARS ? `${text.slice(0, MAX_RAW_CHARS)}…[truncated]` : text);
  const { source, ...origin } = r.position;
  return {
    receivedAt,
    source,
    reason: r.reason,
    field: r.field,
    message: maskPersonalIds(r.message),
    eventId: r.eventId,
    origin,
    originKey: originKeyOf(r.position, () => keyedHash(text)),
    raw,
  };
}

/**
 * What makes a rejection the same one again: a Kafka position is the broker's; an HTTP request id and a file name
 * are the sender's, so there the payload's keyed hash joins them (a retry of the same record is kept once, another
 * record under a reused id or name is kept too). Keyed: the payload may hold a personal ID in clear.
 */
function originKeyOf(p: RecordPosition, payloadHash: () => string): string {
  switch (p.source) {
    case 'kafka':
      return `kafka:${p.topic}:${p.partition}:${p.offset}`;
    case 'http':
      return `http:${p.requestId}:${p.line}:${payloadHash()}`;
    case 'file':
      return `file:${p.file}:${p.line}:${payloadHash()}`;
  }
}
