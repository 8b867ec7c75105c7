import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class AssignAlertDto {
  @ApiProperty({ format: 'uuid', description: 'The user (GET /v1/users) who will review it' })
  @IsUUID('all', { message: 'userId must be the id of a user' })
  userId: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  comment?: string;
}
