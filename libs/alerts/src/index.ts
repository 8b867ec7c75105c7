export * from './alert.type';
export * from './alerts.service';
export * from './alerts.module';
