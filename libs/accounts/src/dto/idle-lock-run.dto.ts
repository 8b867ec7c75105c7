import { ApiProperty } from '@nestjs/swagger';

export class LockWarningCountsDto {
  @ApiProperty() claimed: number;
  @ApiProperty() sent: number;
  @ApiProperty({ description: 'Mail is off (no SMTP_URL): logged only' }) logged: number;
  @ApiProperty() failed: number;
}

export class IdleLockRunDto {
  @ApiProperty({ description: 'Another replica was running the job; this run did nothing' }) skipped: boolean;
  @ApiProperty() ranAt: Date;
  @ApiProperty({ type: [String] }) locked: string[];
  @ApiProperty({ type: LockWarningCountsDto }) warnings: LockWarningCountsDto;
}
