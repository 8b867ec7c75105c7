export * from './mail.service';
export * from './webhook-sender.service';
export * from './notifications.module';
