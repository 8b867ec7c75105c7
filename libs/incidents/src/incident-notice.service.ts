import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SecurityEventType, SecurityLogService } from '@app/auth';
import { Clock, DomainException, ErrorCode } from '@app/common';
import { logIncident } from './incident-log.util';
import { organisationNumbers, refusePersonalIds } from './personal-id-guard.util';
import { AppConfig, InjectConfig } from '@app/config';
import { FIELD_CATALOG_V1 } from '@app/contracts';
import { localDay } from '@app/detection';
import {
  BreachNoticeContent,
  citizenNoticeRequired,
  draftBreachNotice,
  NoticeIncident,
  noticeOrganisationOf,
  renderBreachNoticeDocx,
  renderBreachNoticePdf,
  renderCitizenNoticeDocx,
  renderCitizenNoticePdf,
  validateBreachNotice,
} from './notice';
import { IncidentRepository, IncidentRow } from './incident.repository';
import { isLate } from './incident-view.util';
import type { IncidentActor, NoticeFile, NoticeVersion } from './incident.type';
import { NoticeFiles, NoticeVersionRepository } from './notice-version.repository';

const sha256 = (b: Buffer | null) => (b ? createHash('sha256').update(b).digest() : null);

/** The year of a date in Vietnam (the notice's number counts per local year). */
const localYear = (d: Date) => new Date(d.getTime() + 7 * 3600_000).getUTCFullYear();

/**
 * The notice of an incident: the first draft on the form in force on the discovery date, every edit saved as a new
 * version (kept, never changed), and finalisation: the number, the PDF and DOCX (and the citizens' notice when
 * biometric or location data was involved), their SHA-256. Once finalised, the notice takes no more edits.
 */
@Injectable()
export class IncidentNoticeService {
  constructor(
    private readonly db: DataSource,
    private readonly incidents: IncidentRepository,
    private readonly versions: NoticeVersionRepository,
    private readonly securityLog: SecurityLogService,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Version 1, made when the incident is opened, in the same transaction. */
  async saveFirstDraft(m: EntityManager, incidentId: string, at: Date, by: string): Promise<void> {
    const row = await this.incidents.findById(incidentId, m);
    const content = this.draft(row!, at);
    // The draft carries the incident's texts and what the alerts prefilled: no personal ID may come in that way.
    refusePersonalIds(content, 'content', organisationNumbers(content));
    await this.versions.insert(m, { incidentId, content, at, by });
  }

  /** A fresh draft from the incident as it is now (after its details changed), not saved. */
  async redraft(incidentId: string): Promise<BreachNoticeContent> {
    return this.draft(await this.incident(incidentId), this.clock.now());
  }

  async list(incidentId: string): Promise<NoticeVersion[]> {
    await this.incident(incidentId);
    return this.versions.list(incidentId);
  }

  async get(incidentId: string, version: number): Promise<NoticeVersion> {
    const v = await this.versions.find(incidentId, version);
    if (!v) throw new DomainException(ErrorCode.NOT_FOUND, `Incident ${incidentId} has no notice version ${version}`);
    return v;
  }

  /** An edit saved as the next version; concurrent saves are numbered one after the other (the incident's row lock). */
  async save(incidentId: string, content: BreachNoticeContent, by: IncidentActor): Promise<NoticeVersion> {
    refusePersonalIds(content, 'content', organisationNumbers(content));
    const at = this.clock.now();
    const version = await this.db.transaction(async (m) => {
      await this.lockOpen(m, incidentId);
      return this.versions.insert(m, { incidentId, content: { ...content, number: null }, at, by: by.name });
    });
    await this.log(SecurityEventType.INCIDENT_NOTICE_SAVED, incidentId, by, { version });
    return this.get(incidentId, version);
  }

  /**
   * Finalises the latest version (or the one named, which must be the latest): it must pass validateBreachNotice
   * and, when the deadline has passed, give the reason for the delay. Finalising again returns the finalised
   * version: one number per notice.
   */
  async finalise(incidentId: string, expectedVersion: number | undefined, by: IncidentActor): Promise<{ version: NoticeVersion; created: boolean }> {
    const now = this.clock.now();
    const outcome = await this.db.transaction(async (m) => {
      const row = await this.incidents.findById(incidentId, m, true);
      if (!row) throw new DomainException(ErrorCode.NOT_FOUND, `No incident ${incidentId}`);
      const done = await this.versions.finalised(incidentId, m);
      if (done) return { version: done.version, created: false };
      const latest = (await this.versions.latest(incidentId, m))!;
      if (expectedVersion !== undefined && expectedVersion !== latest.version)
        throw new DomainException(ErrorCode.CONFLICT, `Version ${expectedVersion} is not the latest: version ${latest.version} was saved since`);
      // The notice is dated the day it is finalised, and the discovery is the incident's (fixed at opening), whatever
      // the edited versions say.
      const fixed: BreachNoticeContent = {
        ...latest.content,
        issuedOn: localDay(now),
        violation: { ...latest.content.violation, discoveredAt: row.discoveredAt.toISOString() },
      };
      this.check(fixed, row, now);
      // One sequence across incidents: two notices finalised at once must not take the same number.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('incident_notice_number'))`);
      const seq = await this.incidents.assignNoticeNumber(m, incidentId, localYear(now));
      const content: BreachNoticeContent = { ...fixed, number: `${seq}/${fixed.organisation.symbol}` };
      const files = await this.render(content);
      const sha = { pdf: sha256(files.pdf)!, docx: sha256(files.docx)!, citizenPdf: sha256(files.citizenPdf), citizenDocx: sha256(files.citizenDocx) };
      const version = await this.versions.insert(m, { incidentId, content, at: now, by: by.name, files, sha });
      return { version, created: true };
    });
    const version = await this.get(incidentId, outcome.version);
    if (outcome.created)
      await this.log(SecurityEventType.INCIDENT_NOTICE_FINALISED, incidentId, by, {
        version: version.version,
        number: version.content.number,
        pdfSha256: version.pdfSha256,
        docxSha256: version.docxSha256,
        citizenPdfSha256: version.citizenPdfSha256,
        citizenDocxSha256: version.citizenDocxSha256,
      });
    return { version, created: outcome.created };
  }

  async file(incidentId: string, version: number, file: NoticeFile): Promise<{ version: NoticeVersion; data: Buffer }> {
    const v = await this.get(incidentId, version);
    if (!v.finalised) throw new DomainException(ErrorCode.CONFLICT, `Version ${version} is a draft: only the finalised notice has files`);
    const data = await this.versions.file(incidentId, version, file);
    if (!data) throw new DomainException(ErrorCode.NOT_FOUND, 'No citizens\' notice: no biometric or location data was involved');
    return { version: v, data };
  }

  private check(content: BreachNoticeContent, row: IncidentRow, now: Date): void {
    const problems = validateBreachNotice(content);
    if (isLate(row, now) && !content.lateReason?.trim())
      problems.push('lateReason: the 72-hour deadline has passed: the notice must give the reason for the delay');
    if (problems.length)
      throw new DomainException(
        ErrorCode.VALIDATION_FAILED,
        'The notice is not complete enough to finalise',
        problems.map((p) => {
          const [field, ...rest] = p.split(': ');
          return rest.length ? { field, message: rest.join(': ') } : { message: p };
        }),
      );
  }

  private async render(content: BreachNoticeContent): Promise<NoticeFiles> {
    const citizens = citizenNoticeRequired(content);
    const [pdf, docx, citizenPdf, citizenDocx] = await Promise.all([
      renderBreachNoticePdf(content),
      renderBreachNoticeDocx(content),
      citizens ? renderCitizenNoticePdf(content) : null,
      citizens ? renderCitizenNoticeDocx(content) : null,
    ]);
    return { pdf, docx, citizenPdf, citizenDocx };
  }

  private draft(row: IncidentRow, today: Date): BreachNoticeContent {
    const incident: NoticeIncident = {
      id: row.id,
      title: row.title,
      discoveredAt: row.discoveredAt,
      deadlineAt: row.deadlineAt,
      accounts: row.accounts,
      units: row.units,
      alertIds: row.alertIds,
      subjectsAffected: row.subjectsAffected,
      recordsAffected: row.recordsAffected,
      fields: row.fields,
      occurredFrom: row.occurredFrom,
      occurredTo: row.occurredTo,
      description: row.description,
      measuresTaken: row.measuresTaken,
    };
    const catalog = FIELD_CATALOG_V1.fields.map((f) => ({ field: f.code, label: f.label, sensitive: f.class === 'sensitive' }));
    return draftBreachNotice(incident, noticeOrganisationOf(this.config.reports.organisation), catalog, today);
  }

  private async incident(id: string): Promise<IncidentRow> {
    const row = await this.incidents.findById(id);
    if (!row) throw new DomainException(ErrorCode.NOT_FOUND, `No incident ${id}`);
    return row;
  }

  private async lockOpen(m: EntityManager, id: string): Promise<void> {
    const row = await this.incidents.findById(id, m, true);
    if (!row) throw new DomainException(ErrorCode.NOT_FOUND, `No incident ${id}`);
    if (row.finalisedVersion !== null)
      throw new DomainException(ErrorCode.CONFLICT, `The notice was finalised (version ${row.finalisedVersion}): it takes no more edits`);
  }

  private log(type: SecurityEventType, id: string, by: IncidentActor, details: Record<string, unknown>): Promise<void> {
    return logIncident(this.securityLog, type, id, by, details);
  }
}
