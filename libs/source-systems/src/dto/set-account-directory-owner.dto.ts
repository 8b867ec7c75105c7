import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

/** Body of PUT /v1/source-systems/{code}/owns-account-directory (admins). */
export class SetAccountDirectoryOwnerDto {
  @ApiProperty({
    description: 'true: this system owns the TTHC account directory, and its producer key may sync it; false: it may not',
    example: true,
  })
  @IsBoolean()
  ownsAccountDirectory: boolean;
}
