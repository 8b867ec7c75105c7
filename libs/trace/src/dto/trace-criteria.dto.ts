import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { TRACE_ACTIONS, TRACE_RESULTS, TraceAction, TraceCriteria, TraceResult } from '../query/trace-criteria';
import { CASE_REFERENCE_MAX, PURPOSE_MAX, TraceCase } from '../trace-case.type';
import { TRACE_PAGE_MAX } from '../search/trace-search.service';

/** As the contract bounds them (accountId 128, the codes 64): any text, always a bind parameter. */
const CODE_MAX = 128;
const IP_OR_CIDR = /^[0-9A-Fa-f:.]{2,45}(\/\d{1,3})?$/;
const LIST_MAX = 100;

/** A list as a JSON array, or in a query string as comma-separated values (accountId=a,b). */
const list = () => Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value));
const bool = () => Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

/** The case every tracing request names (checked by the service: a missing one is a 400 naming it). */
export class TraceCaseDto {
  @ApiProperty({ example: 'QĐ-123/TTr-2026', description: 'The case this tracing serves (số hồ sơ vụ việc, an inspection decision). Required.', maxLength: CASE_REFERENCE_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(CASE_REFERENCE_MAX)
  caseReference?: string;

  @ApiProperty({ example: 'Thanh tra việc tra cứu hồ sơ H52-261120-0042', description: 'Why this personal data is read, in words. Required.', maxLength: PURPOSE_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(PURPOSE_MAX)
  purpose?: string;
}

/** Every criterion but the citizen (which never goes in a URL: POST /v1/trace/search). */
export class TraceCriteriaDto extends TraceCaseDto {
  @ApiPropertyOptional({ type: [String], description: 'Accounts (any of); in a query string comma-separated' })
  @IsOptional() @list() @IsArray() @ArrayMaxSize(LIST_MAX) @IsString({ each: true }) @MaxLength(CODE_MAX, { each: true })
  accountId?: string[];

  @ApiPropertyOptional({ type: [String], example: ['000.00.31.H52'], description: 'Units of the accounts (any of)' })
  @IsOptional() @list() @IsArray() @ArrayMaxSize(LIST_MAX) @IsString({ each: true }) @MaxLength(CODE_MAX, { each: true })
  unitCode?: string[];

  @ApiPropertyOptional({ type: [String], example: ['10.52.11.7', '10.20.0.0/16'], description: 'Client addresses or CIDR blocks (any of)' })
  @IsOptional() @list() @IsArray() @ArrayMaxSize(LIST_MAX) @Matches(IP_OR_CIDR, { each: true, message: 'clientIp must be IPv4/IPv6 addresses or CIDR blocks' })
  clientIp?: string[];

  @ApiPropertyOptional({ type: [String], example: ['igate'], description: 'Source systems (any of)' })
  @IsOptional() @list() @IsArray() @ArrayMaxSize(LIST_MAX) @IsString({ each: true }) @MaxLength(CODE_MAX, { each: true })
  sourceSystem?: string[];

  @ApiPropertyOptional({ enum: TRACE_ACTIONS, isArray: true })
  @IsOptional() @list() @IsArray() @IsIn(TRACE_ACTIONS, { each: true })
  action?: TraceAction[];

  @ApiPropertyOptional({ enum: TRACE_RESULTS, isArray: true })
  @IsOptional() @list() @IsArray() @IsIn(TRACE_RESULTS, { each: true })
  result?: TraceResult[];

  @ApiPropertyOptional({ type: [String], example: ['religion'], description: 'Events that returned any of these field codes' })
  @IsOptional() @list() @IsArray() @ArrayMaxSize(LIST_MAX) @Matches(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, { each: true })
  field?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Dossier codes (any of)' })
  @IsOptional() @list() @IsArray() @ArrayMaxSize(LIST_MAX) @IsString({ each: true }) @MaxLength(CODE_MAX, { each: true })
  dossierCode?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Procedure codes (any of)' })
  @IsOptional() @list() @IsArray() @ArrayMaxSize(LIST_MAX) @IsString({ each: true }) @MaxLength(CODE_MAX, { each: true })
  procedureCode?: string[];

  @ApiPropertyOptional({ description: 'Lookups explained (true) or not (false) by a dossier of the unit, a procedure and its fields (docs/detection.md)' })
  @IsOptional() @bool() @IsBoolean()
  explained?: boolean;

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00+07:00', description: 'Occurred at or after (ISO 8601)' })
  @IsOptional() @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00+07:00', description: 'Occurred before (ISO 8601, exclusive)' })
  @IsOptional() @IsDateString({ strict: true })
  to?: string;

  @ApiPropertyOptional({ default: 50, maximum: TRACE_PAGE_MAX })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(TRACE_PAGE_MAX)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional() @IsString() @MaxLength(1000)
  cursor?: string;
}

/** The search with citizens: their personal IDs, in clear, only ever in a request body. */
export class SearchTraceEventsDto extends TraceCriteriaDto {
  @ApiPropertyOptional({ type: [String], description: "Citizens' personal IDs (12 digits, no example given: a real one is personal data), hashed on arrival with every key; never stored or logged" })
  @IsOptional() @IsArray() @ArrayMaxSize(LIST_MAX) @IsString({ each: true })
  subjectIds?: string[];
}

export function traceCaseOf(dto: TraceCaseDto): Partial<TraceCase> {
  return { caseReference: dto.caseReference, purpose: dto.purpose };
}

export function traceCriteriaOf(dto: TraceCriteriaDto): Omit<TraceCriteria, 'subjectHashes'> {
  return {
    accountIds: dto.accountId,
    unitCodes: dto.unitCode,
    clientIps: dto.clientIp,
    sourceSystems: dto.sourceSystem,
    actions: dto.action,
    results: dto.result,
    fields: dto.field,
    dossierCodes: dto.dossierCode,
    procedureCodes: dto.procedureCode,
    explained: dto.explained,
    from: dto.from ? new Date(dto.from) : undefined,
    to: dto.to ? new Date(dto.to) : undefined,
  };
}
