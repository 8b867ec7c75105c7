import { ApiProperty } from '@nestjs/swagger';

/** A run larger than the mass-change threshold: applied only with the confirmation token of its exact plan. */
export class MassChangeDto {
  @ApiProperty({ enum: ['idle_lock', 'directory_full_sync'] }) operation: string;
  @ApiProperty({ description: 'Accounts the run would lock or mark removed' }) affected: number;
  @ApiProperty({ description: 'Active accounts, counting those the run itself adds: the base of the share' })
  activeAccounts: number;
  @ApiProperty({
    description:
      'Most accounts a run may change without a confirmation: max(ACCOUNT_MASS_CHANGE_MIN, ACCOUNT_MASS_CHANGE_SHARE × active accounts)',
  })
  threshold: number;
  @ApiProperty({
    example: '3f1c9a0b5d2e4f6a8b7c9d0e1f2a3b4c',
    description:
      'Hash of the plan (operation and affected accounts). Repeat the run with confirm=<token> to apply it; a different plan needs its own token',
  })
  confirmationToken: string;
  @ApiProperty({ description: "The request carried this plan's token and the run applied" })
  confirmed: boolean;
  @ApiProperty({ description: 'What to do next, in words' }) howToConfirm: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The critical alert mass_change_blocked of a blocked run',
  })
  alertId: string | null;
}
