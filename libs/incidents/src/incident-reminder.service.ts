import { Injectable, Logger } from '@nestjs/common';
import { SecurityEventType, SecurityLogService } from '@app/auth';
import { Clock } from '@app/common';
import { AppConfig, InjectConfig } from '@app/config';
import { MailService } from '@app/notifications';
import { IncidentRecordRepository } from './incident-record.repository';
import { IncidentRepository, IncidentRow } from './incident.repository';
import type { IncidentActor } from './incident.type';
import { logIncident } from './incident-log.util';

const SYSTEM: IncidentActor = { actor: { kind: 'system', name: 'incident-reminders' }, name: 'system:incident-reminders' };

const localTime = (d: Date) =>
  new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short', hour12: false }).format(d);

export interface ReminderRun {
  reminded: number;
  markedLate: number;
}

/**
 * Reminders before an incident's 72-hour deadline (INCIDENT_REMINDER_HOURS) and the late marking after it. Each
 * offset is mailed once per incident: it is claimed by a row ('pending') before the mail leaves, so replicas and
 * restarts never send it twice, and takes the mail's outcome after (a failed mail is recorded as failed, not tried
 * again: the next offset follows; a claim left pending by a stopped process is reported as failed).
 */
@Injectable()
export class IncidentReminderService {
  private readonly logger = new Logger(IncidentReminderService.name);

  constructor(
    private readonly incidents: IncidentRepository,
    private readonly records: IncidentRecordRepository,
    private readonly mail: MailService,
    private readonly securityLog: SecurityLogService,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async run(): Promise<ReminderRun> {
    const now = this.clock.now();
    let reminded = 0;
    for (const incident of await this.incidents.findAwaitingNotice(now)) if (await this.remind(incident, now)) reminded++;
    const late = await this.incidents.markLate(now);
    for (const id of late) await this.announceLate(id);
    return { reminded, markedLate: late.length };
  }

  /**
   * The offsets now due are claimed together; only the nearest is mailed (an incident opened 30 hours before its
   * deadline gets the 24-hour reminder, not also the 48-hour one).
   */
  private async remind(incident: IncidentRow, now: Date): Promise<boolean> {
    const leftMs = incident.deadlineAt.getTime() - now.getTime();
    const due = this.config.incidents.reminderHours.filter((h) => leftMs <= h * 3600_000);
    const claimed: number[] = [];
    for (const h of due) if (await this.records.claimReminder(incident.id, h, now, incident.assignees)) claimed.push(h);
    if (!claimed.length) return false;
    const nearest = Math.min(...claimed);
    for (const h of claimed) if (h !== nearest) await this.records.setReminderOutcome(incident.id, h, 'skipped');
    const outcome = await this.send(incident, {
      subject: `[Sự cố #${incident.id}] Còn ${hoursLeft(leftMs)} đến hạn thông báo vi phạm dữ liệu cá nhân`,
      text: [
        `Sự cố: ${incident.title}`,
        `Phát hiện lúc: ${localTime(incident.discoveredAt)}`,
        `Hạn thông báo (72 giờ sau khi phát hiện): ${localTime(incident.deadlineAt)}`,
        `Thời gian còn lại: ${hoursLeft(leftMs)}.`,
        '',
        'Thông báo vi phạm chưa được gửi. Vui lòng hoàn thiện, ký và gửi thông báo tới Bộ Công an (Cục A05) trước thời hạn,',
        'rồi ghi nhận việc gửi trên trang "Sự cố" của hệ thống giám sát truy cập.',
      ].join('\n'),
    });
    await this.records.setReminderOutcome(incident.id, nearest, outcome);
    await logIncident(this.securityLog, SecurityEventType.INCIDENT_REMINDED, incident.id, SYSTEM, {
      hoursBefore: nearest,
      skipped: claimed.filter((h) => h !== nearest),
      recipients: incident.assignees,
      outcome,
    });
    return true;
  }

  private async announceLate(id: string): Promise<void> {
    const incident = (await this.incidents.findById(id))!;
    const outcome = await this.send(incident, {
      subject: `[Sự cố #${incident.id}] Đã quá hạn 72 giờ thông báo vi phạm dữ liệu cá nhân`,
      text: [
        `Sự cố: ${incident.title}`,
        `Phát hiện lúc: ${localTime(incident.discoveredAt)}`,
        `Hạn thông báo: ${localTime(incident.deadlineAt)} — đã quá hạn.`,
        '',
        'Thông báo vẫn phải được gửi ngay, kèm theo lý do gửi chậm (mục "Lý do chậm thông báo" trên trang "Sự cố").',
      ].join('\n'),
    });
    await logIncident(this.securityLog, SecurityEventType.INCIDENT_LATE, id, SYSTEM, { deadlineAt: incident.deadlineAt.toISOString(), recipients: incident.assignees, outcome });
  }

  private async send(incident: IncidentRow, message: { subject: string; text: string }): Promise<'sent' | 'logged' | 'failed'> {
    if (!incident.assignees.length) {
      this.logger.warn({ incidentId: incident.id }, 'Incident has no assignee: reminder not mailed');
      return 'logged';
    }
    try {
      return await this.mail.send({ to: incident.assignees, ...message });
    } catch (error) {
      this.logger.error({ err: error, incidentId: incident.id }, 'Incident reminder mail failed');
      return 'failed';
    }
  }
}

/** "5 giờ 30 phút", "45 phút". */
function hoursLeft(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? (m ? `${h} giờ ${m} phút` : `${h} giờ`) : `${m} phút`;
}
