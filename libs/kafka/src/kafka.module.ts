import { Global, Logger, Module } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import { APP_CONFIG, AppConfig } from '@app/config';
import { registerCompressionCodecs } from './compression-codecs';

/** The Kafka client, or null when KAFKA_BROKERS is unset (HTTP and file ingest only). */
export const KAFKA = Symbol('KAFKA');

export function createKafka(kafka: NonNullable<AppConfig['kafka']>): Kafka {
  registerCompressionCodecs();
  const logger = new Logger('Kafka');
  return new Kafka({
    clientId: kafka.clientId,
    brokers: kafka.brokers,
    ssl: kafka.ssl,
    sasl: kafka.sasl as never,
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }) => {
        const { message, ...extra } = log;
        if (level <= logLevel.ERROR) logger.error({ ...extra }, message);
        else logger.warn({ ...extra }, message);
      },
  });
}

@Global()
@Module({
  providers: [
    {
      provide: KAFKA,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (!config.kafka) {
          new Logger('Kafka').log('KAFKA_BROKERS is not set: Kafka is off; events come in by HTTP and file import only');
          return null;
        }
        return createKafka(config.kafka);
      },
    },
  ],
  exports: [KAFKA],
})
export class KafkaModule {}
