import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { createSubjectPseudonymizer } from './subject-key.util';
import { SubjectPseudonymizer } from './subject-pseudonymizer.service';

/** The configured SubjectPseudonymizer, for ingest and for auditors' search by personal ID. */
@Module({
  providers: [{ provide: SubjectPseudonymizer, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createSubjectPseudonymizer(config) }],
  exports: [SubjectPseudonymizer],
})
export class PersonalDataModule {}
