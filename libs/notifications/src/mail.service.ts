import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig, InjectConfig } from '@app/config';

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  attachments?: MailAttachment[];
  /** Message-ID without the angle brackets: the same delivery sent again carries the same one (receivers dedupe). */
  messageId?: string;
}

/** Outgoing mail through SMTP_URL; without it, messages are logged (and reported as such) instead of sent. */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: Transporter | null;
  private readonly from: string;

  constructor(@InjectConfig() config: AppConfig) {
    // Bounded: a sender holds a lock warning for a lease (15 min) and must be done with it well within that.
    this.transport = config.smtp.url
      ? createTransport({ url: config.smtp.url, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 })
      : null;
    this.from = config.smtp.from;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  /** 'sent' when the server accepted it, 'logged' when mail is off. Throws when the server refuses. */
  async send(message: MailMessage): Promise<'sent' | 'logged'> {
    if (!message.to.length) throw new Error('a message needs at least one recipient');
    if (!this.transport) {
      this.logger.log({ to: message.to, subject: message.subject }, 'SMTP_URL is not set: mail not sent, logged only');
      return 'logged';
    }
    await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      attachments: message.attachments,
      messageId: message.messageId && `<${message.messageId}>`,
    });
    return 'sent';
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
