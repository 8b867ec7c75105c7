import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsDateString, IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** Everything about a registered system but its code (PUT replaces all of it). */
export class UpdateSourceSystemDto {
  @ApiProperty({ example: 'iGate - Hệ thống thông tin giải quyết TTHC tỉnh' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ description: 'Operating organisation', example: 'VNPT Bình Định' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  operatorOrg: string;

  @ApiProperty({ description: 'Field codes (field catalog) the system may receive', example: ['fullName', 'dateOfBirth'] })
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { each: true, message: 'each field code must be 1-64 letters, digits, _ . -' })
  allowedFields: string[];

  @ApiPropertyOptional({ description: 'Legal basis of the connection', example: 'Nghị định 104/2022/NĐ-CP' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  legalBasis?: string;

  @ApiPropertyOptional({ description: 'Approval document number', example: '1234/QĐ-UBND' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  approvalDocNo?: string;

  @ApiPropertyOptional({ description: 'Approval date (YYYY-MM-DD)', example: '2025-03-01' })
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'approvalDate must be YYYY-MM-DD' })
  approvalDate?: string;

  @ApiPropertyOptional({ example: 'Nguyễn Văn A' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  contactName?: string;

  @ApiPropertyOptional({ example: 'ops@example.vn' })
  @IsOptional()
  @IsEmail()
  contactEmail?: string;

  @ApiPropertyOptional({ example: '0256 3820 000' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  contactPhone?: string;

  @ApiPropertyOptional({ enum: ['active', 'suspended', 'retired'], default: 'active' })
  @IsOptional()
  @IsIn(['active', 'suspended', 'retired'])
  status?: 'active' | 'suspended' | 'retired';
}
