export * from './kafka.module';
export * from './compression-codecs';
export * from './supervised-consumer';
export * from './undecodable-batch.util';
