import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@app/common';
import { AppConfig, InjectConfig } from '@app/config';
import { MailMessage, MailService } from '@app/notifications';
import { ObservationWindow } from '../observation/observation-window.service';
import { LockWarning, LockWarningRepository } from './lock-warning.repository';

/**
 * Sends claimed lock warnings to the account holder and the unit's admin, in Vietnamese (with English); a mail
 * that fails is tried again with backoff (retryDue) while the lock date is ahead.
 */
@Injectable()
export class LockWarningService {
  private readonly logger = new Logger(LockWarningService.name);

  constructor(
    private readonly warnings: LockWarningRepository,
    private readonly mail: MailService,
    private readonly window: ObservationWindow,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Warnings sent, newest first, each with what the account's idle count starts from now. */
  async list(filter: { accountId?: string; since?: Date; limit: number; offset: number }): Promise<LockWarning[]> {
    return this.warnings.list(filter, await this.window.start());
  }

  /** Sends again the warnings whose mail failed (or was left pending by a sender that stopped), once due. */
  async retryDue(): Promise<{ retried: number; sent: number; logged: number; failed: number }> {
    const due = await this.warnings.dueForRetry(this.clock.now(), await this.window.idlePolicy());
    const report = await this.send(due);
    return { retried: report.sent + report.logged + report.failed, ...report };
  }

  /**
   * Mails each warning, taking it first (so a warning another sender holds, or sent meanwhile, is skipped) and
   * recording the outcome under the same token.
   */
  async send(warnings: LockWarning[]): Promise<{ sent: number; logged: number; failed: number }> {
    const report = { sent: 0, logged: 0, failed: 0 };
    const token = randomUUID();
    for (const warning of warnings) {
      if (!(await this.warnings.take(warning, this.clock.now(), token))) continue;
      if (!warning.recipients.length) {
        await this.warnings.recordDelivery(warning, token, 'failed', this.clock.now(), "no email address for the holder or the unit's admin");
        report.failed++;
        continue;
      }
      try {
        const delivery = await this.mail.send(this.messageFor(warning));
        await this.warnings.recordDelivery(warning, token, delivery, this.clock.now());
        report[delivery]++;
      } catch (error) {
        this.logger.warn({ accountId: warning.accountId, err: error }, 'Lock warning could not be mailed');
        await this.warnings.recordDelivery(warning, token, 'failed', this.clock.now(), (error as Error).message.slice(0, 500));
        report.failed++;
      }
    }
    return report;
  }

  messageFor(w: LockWarning): MailMessage {
    const months = this.config.accounts.idleMonths;
    const due = vnDate(w.lockDueOn);
    // Only due warnings are mailed (claimDue, dueForRetry), and a due lock has a start of its idle count.
    const since = vnDate(localDate(w.idleSince!, this.config.accounts.timeZone));
    const holder = w.fullName ?? w.accountId;
    const unit = w.unitName ? ` (${w.unitName})` : '';
    return {
      to: w.recipients,
      subject: `[Cảnh báo] Tài khoản ${w.accountId} sẽ bị khóa ngày ${due} do không sử dụng / Account lock warning`,
      text: [
        `Kính gửi ${holder} và quản trị đơn vị,`,
        '',
        `Tài khoản ${w.accountId}${unit} trên hệ thống thông tin giải quyết thủ tục hành chính không có hoạt động nào kể từ ngày ${since}.`,
        `Theo quy định, tài khoản không sử dụng trong ${months} tháng sẽ bị khóa tự động. Tài khoản này sẽ bị khóa vào ngày ${due} (còn ${w.offsetDays} ngày).`,
        'Để giữ tài khoản, vui lòng đăng nhập và sử dụng trước ngày đó. Trường hợp nghỉ phép hoặc tài khoản tích hợp, đề nghị quản trị đơn vị đăng ký miễn trừ.',
        '',
        `English: account ${w.accountId} has had no activity since ${since} and will be locked on ${due} (in ${w.offsetDays} days) after ${months} months unused.`,
        '',
        'Thư này được gửi tự động, vui lòng không trả lời.',
      ].join('\n'),
    };
  }
}

/** YYYY-MM-DD → DD/MM/YYYY, as Vietnamese readers write dates. */
function vnDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}

function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(at));
}
