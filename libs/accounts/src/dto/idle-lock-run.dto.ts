import { ApiProperty } from '@nestjs/swagger';
import { IDLE_BASES } from '../idle-policy.util';
import { MassChangeDto } from './mass-change.dto';

export class LockWarningCountsDto {
  @ApiProperty() claimed: number;
  @ApiProperty() sent: number;
  @ApiProperty({ description: 'Mail is off (no SMTP_URL): logged only' }) logged: number;
  @ApiProperty() failed: number;
}

/** An account an idle-lock run would lock, with what its idle count starts from. */
export class IdleLockCandidateDto {
  @ApiProperty() accountId: string;
  @ApiProperty({ type: Date, nullable: true }) idleSince: Date | null;
  @ApiProperty({ enum: IDLE_BASES, description: 'Which fact idleSince is' }) idleBasis: string;
  @ApiProperty({ type: Date, nullable: true, description: "From when the service has the gateway's logs" })
  observationStart: Date | null;
  @ApiProperty({ type: Date, nullable: true }) lastActivityAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) directoryLastLoginAt: Date | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-24' }) lockDueOn: string | null;
}

export class IdleLockRunDto {
  @ApiProperty({
    enum: ['applied', 'dry_run', 'blocked', 'skipped'],
    description:
      'applied: due accounts locked and warnings sent; dry_run: nothing changed, wouldLock lists the plan; blocked: more than the mass-change threshold, nothing changed (see massChange); skipped: another replica was running the job',
  })
  outcome: string;
  @ApiProperty({ description: 'Another replica was running the job; this run did nothing' }) skipped: boolean;
  @ApiProperty() ranAt: Date;
  @ApiProperty({ type: [String], description: 'Accounts this run locked' }) locked: string[];
  @ApiProperty({
    type: [IdleLockCandidateDto],
    description: 'Dry run and blocked run: the accounts the run would lock',
  })
  wouldLock: IdleLockCandidateDto[];
  @ApiProperty({
    type: MassChangeDto,
    nullable: true,
    description: 'Set when the plan is larger than the mass-change threshold: the token that confirms it',
  })
  massChange: MassChangeDto | null;
  @ApiProperty({ type: LockWarningCountsDto }) warnings: LockWarningCountsDto;
}
