import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { UpdateSourceSystemDto } from './update-source-system.dto';

export class CreateSourceSystemDto extends UpdateSourceSystemDto {
  @ApiProperty({ description: 'Code producers put in sourceSystem', example: 'igate' })
  @Matches(/^[a-z0-9][a-z0-9._-]{0,63}$/, { message: 'code must be 1-64 lower-case letters, digits, . _ - (starting with a letter or digit)' })
  code: string;
}
