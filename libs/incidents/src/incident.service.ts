import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AlertsService } from '@app/alerts';
import { SecurityEventType, SecurityLogService } from '@app/auth';
import { Clock, DomainException, ErrorCode } from '@app/common';
import { logIncident } from './incident-log.util';
import { refusePersonalIds } from './personal-id-guard.util';
import { prefillFromAlerts } from './alert-prefill.util';
import { IncidentRecordRepository } from './incident-record.repository';
import { IncidentRepository } from './incident.repository';
import { viewOf } from './incident-view.util';
import {
  INCIDENT_RETENTION_YEARS,
  IncidentActor,
  IncidentChanges,
  IncidentRecord,
  IncidentReminder,
  IncidentView,
  NewIncident,
  NewIncidentRecord,
  NOTICE_DEADLINE_MS,
} from './incident.type';
import { IncidentNoticeService } from './incident-notice.service';

/** A discovery time may be this far ahead of the service's clock (the admin's clock may run a little fast). */
const DISCOVERY_SKEW_MS = 60_000;

export type OpenIncidentInput = Partial<Omit<NewIncident, 'title' | 'discoveredAt'>> & { title: string; discoveredAt?: Date };

/** The texts an admin types when opening or changing an incident (alert ids and dates are checked by shape). */
function textsOf(i: OpenIncidentInput | IncidentChanges) {
  return { title: i.title, description: i.description, measuresTaken: i.measuresTaken, accounts: i.accounts, units: i.units, fields: i.fields, assignees: i.assignees };
}

/** The scans a biên bản comes as, each with how its bytes begin. */
const SCAN_SIGNATURES: Record<string, Buffer> = {
  'application/pdf': Buffer.from('%PDF-'),
  'image/jpeg': Buffer.from([0xff, 0xd8, 0xff]),
  'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
};

/** A confirmation's file: a PDF, JPEG or PNG that is one, and not empty. */
function checkScan(file: { type: string; data: Buffer }): void {
  const signature = SCAN_SIGNATURES[file.type];
  if (!signature)
    throw new DomainException(ErrorCode.VALIDATION_FAILED, 'The biên bản must be a PDF, JPEG or PNG', [
      { field: 'fileType', message: `must be one of ${Object.keys(SCAN_SIGNATURES).join(', ')}` },
    ]);
  if (!file.data.length)
    throw new DomainException(ErrorCode.VALIDATION_FAILED, 'The file is empty', [{ field: 'fileBase64', message: 'must not be empty' }]);
  if (!file.data.subarray(0, signature.length).equals(signature))
    throw new DomainException(ErrorCode.VALIDATION_FAILED, `The file is not a ${file.type} file`, [{ field: 'fileBase64', message: `must be the bytes of a ${file.type} file` }]);
}

export interface IncidentDetail extends IncidentView {
  records: IncidentRecord[];
  reminders: IncidentReminder[];
}

/**
 * Breach incidents (docs/incidents.md): opened from alerts or by hand with the time of discovery, which fixes the
 * 72-hour deadline; changed, sent and confirmed by admins. Every action goes to the security log.
 */
@Injectable()
export class IncidentService {
  constructor(
    private readonly db: DataSource,
    private readonly incidents: IncidentRepository,
    private readonly records: IncidentRecordRepository,
    private readonly alerts: AlertsService,
    private readonly drafts: IncidentNoticeService,
    private readonly securityLog: SecurityLogService,
    private readonly clock: Clock,
  ) {}

  async open(input: OpenIncidentInput, by: IncidentActor): Promise<IncidentDetail> {
    refusePersonalIds(textsOf(input));
    const now = this.clock.now();
    const given = input.discoveredAt ?? now;
    if (given.getTime() > now.getTime() + DISCOVERY_SKEW_MS)
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'discoveredAt must not be in the future', [
        { field: 'discoveredAt', message: `must not be after now (${now.toISOString()})` },
      ]);
    // Within the skew, the admin's clock ran ahead: the discovery is now (the deadline never exceeds 72 hours ahead).
    const discoveredAt = given > now ? now : given;
    this.checkPeriod(input.occurredFrom ?? null, input.occurredTo ?? null, discoveredAt, input);
    const alertIds = [...new Set(input.alertIds ?? [])];
    const alerts = await Promise.all(alertIds.map((id) => this.alerts.get(id)));
    const prefill = prefillFromAlerts(alerts);
    const incident: NewIncident = {
      title: input.title,
      description: input.description ?? '',
      measuresTaken: input.measuresTaken ?? '',
      discoveredAt,
      occurredFrom: input.occurredFrom ?? prefill.occurredFrom,
      occurredTo: input.occurredTo ?? prefill.occurredTo,
      assignees: [...new Set(input.assignees ?? [])],
      alertIds,
      accounts: input.accounts ?? prefill.accounts,
      units: input.units ?? prefill.units,
      fields: input.fields ?? prefill.fields,
      subjectsAffected: input.subjectsAffected ?? prefill.subjectsAffected,
      recordsAffected: input.recordsAffected ?? prefill.recordsAffected,
    };
    const deadlineAt = new Date(discoveredAt.getTime() + NOTICE_DEADLINE_MS);
    const retainUntil = new Date(discoveredAt);
    retainUntil.setUTCFullYear(retainUntil.getUTCFullYear() + INCIDENT_RETENTION_YEARS);
    const id = await this.db.transaction(async (m) => {
      const id = await this.incidents.insert(m, incident, now, by.name, retainUntil, deadlineAt);
      await this.drafts.saveFirstDraft(m, id, now, by.name);
      return id;
    });
    await this.log(SecurityEventType.INCIDENT_OPENED, id, by, {
      discoveredAt: discoveredAt.toISOString(),
      deadlineAt: deadlineAt.toISOString(),
      alertIds,
      assignees: incident.assignees,
    });
    return this.get(id);
  }

  async list(filter: { status?: string; before?: string; limit: number }): Promise<IncidentView[]> {
    const now = this.clock.now();
    return (await this.incidents.list(filter)).map((r) => viewOf(r, now));
  }

  async get(id: string): Promise<IncidentDetail> {
    const row = await this.incidents.findById(id);
    if (!row) throw new DomainException(ErrorCode.NOT_FOUND, `No incident ${id}`);
    const [records, reminders] = await Promise.all([this.records.list(id), this.records.reminders(id, this.clock.now())]);
    return { ...viewOf(row, this.clock.now()), records, reminders };
  }

  async update(id: string, changes: IncidentChanges, by: IncidentActor): Promise<IncidentDetail> {
    refusePersonalIds(textsOf(changes));
    const before = await this.get(id);
    if (changes.status === 'closed' && !before.notifiedAt)
      throw new DomainException(ErrorCode.CONFLICT, 'An incident is closed only after its notice was sent (POST …/sending)');
    this.checkPeriod(changes.occurredFrom ?? before.occurredFrom, changes.occurredTo ?? before.occurredTo, before.discoveredAt, changes);
    await this.incidents.update(this.db, id, changes, this.clock.now());
    await this.log(SecurityEventType.INCIDENT_UPDATED, id, by, { changed: Object.keys(changes).filter((k) => changes[k as keyof IncidentChanges] !== undefined) });
    return this.get(id);
  }

  /**
   * A sending of the notice (to the Ministry of Public Security's A05, the province, or the citizens): the first
   * one sets notifiedAt and the status "notified". The sending is recorded whether or not the notice was finalised
   * here (a notice may have been sent on paper), but the time must not be in the future nor before discovery.
   */
  async recordSending(id: string, r: Omit<NewIncidentRecord, 'kind' | 'file'>, by: IncidentActor): Promise<IncidentDetail> {
    refusePersonalIds({ channel: r.channel, recipient: r.recipient, reference: r.reference, note: r.note });
    const incident = await this.get(id);
    this.checkTime(r.at, incident.discoveredAt);
    const now = this.clock.now();
    const recordId = await this.db.transaction(async (m) => {
      const recordId = await this.records.insert(m, id, { ...r, kind: 'sending', file: null }, null, now, by.name);
      await this.incidents.markNotified(m, id, r.at, now);
      return recordId;
    });
    await this.log(SecurityEventType.INCIDENT_SENT, id, by, { recordId, at: r.at.toISOString(), channel: r.channel, recipient: r.recipient, reference: r.reference });
    return this.get(id);
  }

  /** The confirmation record (biên bản) of the notice's receipt: a file, a text, or both. */
  async addConfirmation(id: string, r: Omit<NewIncidentRecord, 'kind'>, sha256: Buffer | null, by: IncidentActor): Promise<IncidentDetail> {
    refusePersonalIds({ note: r.note, fileName: r.file?.name });
    const incident = await this.get(id);
    this.checkTime(r.at, incident.discoveredAt);
    if (!r.file && !r.note.trim())
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'A confirmation needs a file or a text', [{ field: 'file', message: 'attach the biên bản or write its text in note' }]);
    if (r.file) checkScan(r.file);
    const recordId = await this.db.transaction((m) => this.records.insert(m, id, { ...r, kind: 'confirmation' }, sha256, this.clock.now(), by.name));
    await this.log(SecurityEventType.INCIDENT_CONFIRMED, id, by, {
      recordId,
      fileName: r.file?.name ?? null,
      fileSha256: sha256?.toString('hex') ?? null,
    });
    return this.get(id);
  }

  async recordFile(id: string, recordId: string): Promise<{ name: string; type: string; data: Buffer }> {
    const file = await this.records.file(id, recordId);
    if (!file) throw new DomainException(ErrorCode.NOT_FOUND, `Incident ${id} has no record ${recordId} with a file`);
    return file;
  }

  /**
   * The breach's period: from before to, and the bounds given now not after the discovery (so never in the future).
   * Bounds kept from before (or prefilled from alerts) are not held against the discovery again.
   */
  private checkPeriod(from: Date | null, to: Date | null, discoveredAt: Date, given: { occurredFrom?: Date | null; occurredTo?: Date | null }): void {
    const problems: { field: string; message: string }[] = [];
    if (from && to && from > to) problems.push({ field: 'occurredFrom', message: 'must not be after occurredTo' });
    for (const field of ['occurredFrom', 'occurredTo'] as const) {
      const at = given[field];
      if (at && at.getTime() > discoveredAt.getTime()) problems.push({ field, message: `must not be after discoveredAt (${discoveredAt.toISOString()})` });
    }
    if (problems.length)
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'The period of the breach must run forward and end by its discovery', problems);
  }

  private checkTime(at: Date, discoveredAt: Date): void {
    if (at.getTime() > this.clock.now().getTime() + DISCOVERY_SKEW_MS)
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'at must not be in the future', [{ field: 'at', message: 'must not be after now' }]);
    if (at < discoveredAt)
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'at must not be before the discovery', [{ field: 'at', message: 'must not be before discoveredAt' }]);
  }

  private log(type: SecurityEventType, id: string, by: IncidentActor, details: Record<string, unknown>): Promise<void> {
    return logIncident(this.securityLog, type, id, by, details);
  }
}
