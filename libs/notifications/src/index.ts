export * from './mail.service';
export * from './webhook-sender.service';
export * from './delivery-queue.util';
export * from './notifications.module';
