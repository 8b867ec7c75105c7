import { ApiProperty } from '@nestjs/swagger';
import { AccountDto } from './account.dto';

export class AccountPageDto {
  @ApiProperty({ type: [AccountDto] }) items: AccountDto[];
  @ApiProperty() total: number;
}
