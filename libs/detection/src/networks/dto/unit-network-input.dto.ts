import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class UnitNetworkInputDto {
  @ApiProperty({ description: 'IPv4 or IPv6 network (CIDR), or one address', example: '10.12.0.0/16' })
  @IsString()
  @MaxLength(64)
  cidr: string;

  @ApiPropertyOptional({ example: 'LAN trụ sở' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  label?: string;
}
