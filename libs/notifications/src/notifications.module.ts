import { Module } from '@nestjs/common';
import { MailService } from './mail.service';
import { WebhookSender } from './webhook-sender.service';

/** Outgoing mail (SMTP) and signed webhooks. */
@Module({
  providers: [MailService, WebhookSender],
  exports: [MailService, WebhookSender],
})
export class NotificationsModule {}
