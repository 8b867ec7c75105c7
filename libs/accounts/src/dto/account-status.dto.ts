import { ApiProperty } from '@nestjs/swagger';

export class AccountLastCommandDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['lock', 'unlock'] }) action: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) state: string;
}

export class AccountStatusDto {
  @ApiProperty() accountId: string;
  @ApiProperty({ description: 'False when the service has never seen the account' }) known: boolean;
  @ApiProperty({ enum: ['active', 'locked', 'unknown'] }) state: string;
  @ApiProperty({ description: 'False only when the service has locked the account' }) mayUse: boolean;
  @ApiProperty({ nullable: true, type: Date }) lockedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) lockReason: string | null;
  @ApiProperty({ nullable: true, type: AccountLastCommandDto }) lastCommand: AccountLastCommandDto | null;
}
