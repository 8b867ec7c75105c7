import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { TraceCaseDto } from '@app/trace';

export class CreateCitizenAccessReportDto extends TraceCaseDto {
  @ApiProperty({
    description:
      "The citizen's personal ID (12 digits, no example given: a real one is personal data): hashed on arrival with every key, never stored, logged or printed",
  })
  @IsString()
  subject: string;

  @ApiPropertyOptional({
    example: 'Nguyễn Thị Hoa',
    description: 'The name the report is addressed to ("Kính gửi: Ông/Bà …"); printed in the PDF only',
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  requesterName?: string;

  @ApiPropertyOptional({
    example: '2026-01-01',
    description: 'First local day (Vietnam), included. Without it: everything the store still keeps',
  })
  @IsOptional()
  @IsString()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-12-03',
    description: 'The day after the period, not included. Without it: up to now',
  })
  @IsOptional()
  @IsString()
  to?: string;
}
