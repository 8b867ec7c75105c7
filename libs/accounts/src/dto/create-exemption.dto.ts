import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class CreateExemptionDto {
  @ApiProperty({
    enum: ['service', 'leave'],
    description: 'service: an integration account; leave: registered leave',
  })
  @IsIn(['service', 'leave'])
  kind: 'service' | 'leave';

  @ApiProperty({ example: 'Nghỉ thai sản từ 01/10/2026 đến 31/03/2027' })
  @IsString()
  @MinLength(5)
  @MaxLength(500)
  reason: string;

  @ApiProperty({ example: 'Giám đốc Sở Tư pháp', description: 'Who approved the exemption' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  approver: string;

  @ApiPropertyOptional({ description: 'Default: now' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  validFrom?: Date;

  @ApiProperty({ description: 'The exemption stops applying by itself at this instant' })
  @Type(() => Date)
  @IsDate()
  validUntil: Date;
}
