import { CreateSourceSystem1795502579669 } from './1795502579669-CreateSourceSystem';
import { CreateAuditStore1795503100000 } from './1795503100000-CreateAuditStore';
import { CreateAuthTables1795503666503 } from './1795503666503-CreateAuthTables';
import { SequenceAuditChain1795503700000 } from './1795503700000-SequenceAuditChain';
import { CreateSignedDigestAndRetentionLog1795504200000 } from './1795504200000-CreateSignedDigestAndRetentionLog';
import { CreateMonthPartitionFunction1795504300000 } from './1795504300000-CreateMonthPartitionFunction';
import { TuneAuditStoreForIngest1795504400000 } from './1795504400000-TuneAuditStoreForIngest';
import { MonthPartitionFunctionToleratesRace1795504500000 } from './1795504500000-MonthPartitionFunctionToleratesRace';
import { CreateIngestRejection1795505000000 } from './1795505000000-CreateIngestRejection';
import { CreateSourceFlagUsage1795505000001 } from './1795505000001-CreateSourceFlagUsage';
import { CreateAccountLifecycle1795506000000 } from './1795506000000-CreateAccountLifecycle';
import { CreateAlert1795506000001 } from './1795506000001-CreateAlert';
import { AddCanonicalFormToAuditBatch1795507000000 } from './1795507000000-AddCanonicalFormToAuditBatch';
import { AddLockWarningRetry1795507000001 } from './1795507000001-AddLockWarningRetry';
import { AddIdleEvidenceColumns1795508000000 } from './1795508000000-AddIdleEvidenceColumns';
import { CreateIngestStuckBatch1795508100000 } from './1795508100000-CreateIngestStuckBatch';
import { CreatePasswordAttemptAndUserSession1795508200000 } from './1795508200000-CreatePasswordAttemptAndUserSession';
import { NamespaceEventIdsBySourceSystem1795508300000 } from './1795508300000-NamespaceEventIdsBySourceSystem';
import { AddAccountDirectoryOwner1795508400000 } from './1795508400000-AddAccountDirectoryOwner';
import { ForgetFutureAccountTimes1795508400001 } from './1795508400001-ForgetFutureAccountTimes';
import { CreateDetectionCalendarAndNetworks1795509000000 } from './1795509000000-CreateDetectionCalendarAndNetworks';
import { AddUnitKindWorkingHoursAndChangeLog1795509000001 } from './1795509000001-AddUnitKindWorkingHoursAndChangeLog';
import { EvolveAlertForTriage1795509100000 } from './1795509100000-EvolveAlertForTriage';

import { CreateIntegrityJournal1795509200000 } from './1795509200000-CreateIntegrityJournal';
import { CreateAccountDayAggregate1795509300000 } from './1795509300000-CreateAccountDayAggregate';
import { AddExplainedLookupsAndProcedureCatalog1795509400000 } from './1795509400000-AddExplainedLookupsAndProcedureCatalog';
import { AddQueryEventSubjectBlock1795509500000 } from './1795509500000-AddQueryEventSubjectBlock';
import { IndexFlaggedQueryEvents1795509600000 } from './1795509600000-IndexFlaggedQueryEvents';
import { CreateDetectionSettingChange1795509800000 } from './1795509800000-CreateDetectionSettingChange';
import { CreateReport1795509950000 } from './1795509950000-CreateReport';
import { IndexQueryEventsForTrace1795509900140 } from './1795509900140-IndexQueryEventsForTrace';
import { AddDigestFormToAuditBatch1795510300000 } from './1795510300000-AddDigestFormToAuditBatch';
import { CreateEvidenceExport1795510300001 } from './1795510300001-CreateEvidenceExport';
import { AddCitizenAccessReport1795510400100 } from './1795510400100-AddCitizenAccessReport';
import { CreateReportDelivery1795510500000 } from './1795510500000-CreateReportDelivery';
import { CreateIncident1795510500017 } from './1795510500017-CreateIncident';
import { IndexFailedQueryEventsByUnit1795510600000 } from './1795510600000-IndexFailedQueryEventsByUnit';
import { GuardIncidentUpdates1795510600017 } from './1795510600017-GuardIncidentUpdates';
import { AddReportDeliveryClaimToken1795510600100 } from './1795510600100-AddReportDeliveryClaimToken';
import { IndexTraceSearchesBySubjectAndCase1795510700000 } from './1795510700000-IndexTraceSearchesBySubjectAndCase';
/** Every migration, in order. Listed (not globbed) so the same list works from source, dist and tests. */
export const MIGRATIONS = [CreateSourceSystem1795502579669, CreateAuditStore1795503100000, CreateAuthTables1795503666503, SequenceAuditChain1795503700000,
  CreateSignedDigestAndRetentionLog1795504200000,
  CreateMonthPartitionFunction1795504300000,
  TuneAuditStoreForIngest1795504400000,
  MonthPartitionFunctionToleratesRace1795504500000, CreateIngestRejection1795505000000, CreateSourceFlagUsage1795505000001, CreateAccountLifecycle1795506000000, CreateAlert1795506000001,
  AddCanonicalFormToAuditBatch1795507000000,
  AddLockWarningRetry1795507000001,
  AddIdleEvidenceColumns1795508000000,
  CreateIngestStuckBatch1795508100000,
  CreatePasswordAttemptAndUserSession1795508200000,
  NamespaceEventIdsBySourceSystem1795508300000,
  AddAccountDirectoryOwner1795508400000,
  ForgetFutureAccountTimes1795508400001,
  CreateDetectionCalendarAndNetworks1795509000000,
  AddUnitKindWorkingHoursAndChangeLog1795509000001,
  EvolveAlertForTriage1795509100000,
  CreateIntegrityJournal1795509200000,
  CreateAccountDayAggregate1795509300000,
  AddExplainedLookupsAndProcedureCatalog1795509400000,
  AddQueryEventSubjectBlock1795509500000,
  IndexFlaggedQueryEvents1795509600000,
  CreateDetectionSettingChange1795509800000,
  IndexQueryEventsForTrace1795509900140,
  CreateReport1795509950000,
  AddDigestFormToAuditBatch1795510300000,
  CreateEvidenceExport1795510300001,
  AddCitizenAccessReport1795510400100,
  CreateReportDelivery1795510500000,
  CreateIncident1795510500017,
  IndexFailedQueryEventsByUnit1795510600000,
  GuardIncidentUpdates1795510600017,
  AddReportDeliveryClaimToken1795510600100,
  IndexTraceSearchesBySubjectAndCase1795510700000,
];
