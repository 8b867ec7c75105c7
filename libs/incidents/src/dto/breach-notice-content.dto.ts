import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, ValidateNested } from 'class-validator';

const FORMS = ['decree-356-form-08', 'decree-13-form-03'] as const;
const TEXT = 2000;
const LONG = 20000;

class NoticePersonDto {
  @ApiProperty() @IsString() @MaxLength(200) name: string;
  @ApiProperty() @IsString() @MaxLength(200) title: string;
  @ApiProperty() @IsString() @MaxLength(100) phone: string;
  @ApiProperty() @IsString() @MaxLength(200) email: string;
}

class NoticeSignerDto {
  @ApiProperty() @IsString() @MaxLength(200) authority: string;
  @ApiProperty() @IsString() @MaxLength(200) title: string;
  @ApiProperty() @IsString() @MaxLength(200) name: string;
}

export class NoticeOrganisationDto {
  @ApiProperty() @IsString() @MaxLength(TEXT) name: string;
  @ApiProperty() @IsString() @MaxLength(TEXT) headOfficeAddress: string;
  @ApiProperty() @IsString() @MaxLength(TEXT) transactionAddress: string;
  @ApiProperty({ description: 'Founding decision or registration document' }) @IsString() @MaxLength(TEXT) foundingDocument: string;
  @ApiProperty({ nullable: true, type: String, description: 'Form 08 only' }) @IsOptional() @IsString() @MaxLength(50) taxCode: string | null;
  @ApiProperty() @IsString() @MaxLength(100) phone: string;
  @ApiProperty() @IsString() @MaxLength(200) email: string;
  @ApiProperty({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(200) website: string | null;
  @ApiProperty({ type: NoticePersonDto }) @ValidateNested() @Type(() => NoticePersonDto) dataProtectionLead: NoticePersonDto;
  @ApiProperty() @IsString() @MaxLength(200) place: string;
  @ApiProperty() @IsString() @MaxLength(200) governingBody: string;
  @ApiProperty() @IsString() @MaxLength(200) issuingBody: string;
  @ApiProperty() @IsString() @MaxLength(50) symbol: string;
  @ApiProperty({ type: NoticeSignerDto }) @ValidateNested() @Type(() => NoticeSignerDto) signer: NoticeSignerDto;
  @ApiPropertyOptional({ type: [String], description: 'The addressees from configuration' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(TEXT, { each: true })
  recipients?: string[];
  @ApiPropertyOptional({ type: [String], description: '"Nơi nhận" lines after "Như trên;"' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(TEXT, { each: true })
  copies?: string[];
}

export class NoticeDataCategoryDto {
  @ApiProperty({ description: 'Field-catalog code' }) @IsString() @MaxLength(100) field: string;
  @ApiProperty() @IsString() @MaxLength(500) label: string;
  @ApiProperty() @IsBoolean() sensitive: boolean;
  @ApiPropertyOptional({ enum: ['biometric', 'location'], description: "Biometric and location data: the citizens' notice is made too" })
  @IsOptional()
  @IsIn(['biometric', 'location'])
  kind?: 'biometric' | 'location';
}

export class NoticeViolationDto {
  @ApiProperty({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(40) occurredFrom: string | null;
  @ApiProperty({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(40) occurredTo: string | null;
  @ApiProperty() @IsString() @MaxLength(40) discoveredAt: string;
  @ApiProperty() @IsString() @MaxLength(TEXT) place: string;
  @ApiProperty({ description: 'What was done, how' }) @IsString() @MaxLength(LONG) act: string;
  @ApiProperty({ description: 'Who: the accounts and units involved' }) @IsString() @MaxLength(LONG) parties: string;
  @ApiProperty({ type: [NoticeDataCategoryDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => NoticeDataCategoryDto)
  dataCategories: NoticeDataCategoryDto[];
  @ApiProperty({ nullable: true, type: Number }) @IsOptional() @IsInt() @Min(0) subjectsAffected: number | null;
  @ApiProperty({ nullable: true, type: Number }) @IsOptional() @IsInt() @Min(0) recordsAffected: number | null;
  @ApiProperty() @IsString() @MaxLength(TEXT) responsiblePerson: string;
  @ApiProperty() @IsString() @MaxLength(LONG) consequences: string;
  @ApiProperty() @IsString() @MaxLength(LONG) measuresTaken: string;
}

/** The notice as the admin edits it (BreachNoticeContent); each save is a new version. */
export class BreachNoticeContentDto {
  @ApiProperty({ enum: FORMS }) @IsIn(FORMS) form: (typeof FORMS)[number];
  @ApiProperty({ nullable: true, type: String, description: 'Assigned when finalised; ignored in a saved draft' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  number: string | null;
  @ApiProperty({ example: '2026-12-02' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'issuedOn must be a date, YYYY-MM-DD' }) issuedOn: string;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(TEXT, { each: true }) recipients: string[];
  @ApiProperty({ type: NoticeOrganisationDto }) @ValidateNested() @Type(() => NoticeOrganisationDto) organisation: NoticeOrganisationDto;
  @ApiProperty({ type: NoticeViolationDto }) @ValidateNested() @Type(() => NoticeViolationDto) violation: NoticeViolationDto;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(TEXT, { each: true }) attachments: string[];
  @ApiProperty() @IsString() @MaxLength(LONG) commitment: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Required to finalise after the 72-hour deadline' })
  @IsOptional()
  @IsString()
  @MaxLength(LONG)
  lateReason: string | null;
}
