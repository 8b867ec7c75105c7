import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { actorOf } from '@app/accounts';
import { CurrentPrincipal, Permission, Principal, RequirePermission, securityActorOf } from '@app/auth';
import {
  AddConfirmationDto,
  BreachNoticeContent,
  BreachNoticeContentDto,
  FinaliseNoticeDto,
  IncidentActor,
  IncidentDetailDto,
  IncidentIdParamDto,
  IncidentNoticeService,
  IncidentPageDto,
  IncidentRecordParamDto,
  IncidentService,
  ListIncidentsQueryDto,
  NoticeFile,
  NoticeVersionDto,
  NoticeVersionListDto,
  NoticeVersionParamDto,
  OpenIncidentDto,
  RecordSendingDto,
  SaveNoticeVersionDto,
  UpdateIncidentDto,
} from '@app/incidents';

const DEFAULT_LIMIT = 50;
const MEDIA = { pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' } as const;
const FILE_NAMES: Record<NoticeFile, (id: string, v: number) => string> = {
  pdf: (id, v) => `thong-bao-vi-pham-${id}-v${v}.pdf`,
  docx: (id, v) => `thong-bao-vi-pham-${id}-v${v}.docx`,
  'citizen-pdf': (id, v) => `thong-bao-chu-the-du-lieu-${id}-v${v}.pdf`,
  'citizen-docx': (id, v) => `thong-bao-chu-the-du-lieu-${id}-v${v}.docx`,
};

const optionalDate = (v?: string) => (v === undefined ? undefined : new Date(v));

/** Personal-data breach incidents and their notices (docs/incidents.md). Read like the reports; admins write. */
@ApiTags('incidents')
@Controller('v1/incidents')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentService,
    private readonly notices: IncidentNoticeService,
  ) {}

  @Post()
  @RequirePermission(Permission.INCIDENTS_WRITE)
  @ApiOperation({
    summary: 'Opens an incident, from alerts or by hand, with the time of discovery: the notice is due 72 hours later',
    description: 'The alerts prefill the accounts, units, fields, counts and period (values given here win). Version 1 of the notice is drafted at once, on the form in force on the discovery date.',
  })
  @ApiCreatedResponse({ type: IncidentDetailDto })
  open(@Body() dto: OpenIncidentDto, @CurrentPrincipal() principal: Principal, @Req() request: Request): Promise<IncidentDetailDto> {
    return this.incidents.open(
      { ...dto, discoveredAt: optionalDate(dto.discoveredAt), occurredFrom: optionalDate(dto.occurredFrom), occurredTo: optionalDate(dto.occurredTo) },
      actor(principal, request),
    );
  }

  @Get()
  @RequirePermission(Permission.INCIDENTS_READ)
  @ApiOperation({ summary: 'Incidents, newest first, each with its deadline, the time left and whether it is late; paginated by cursor' })
  @ApiOkResponse({ type: IncidentPageDto })
  async list(@Query() q: ListIncidentsQueryDto): Promise<IncidentPageDto> {
    const limit = Math.min(q.limit ?? DEFAULT_LIMIT, 200);
    const items = await this.incidents.list({ status: q.status, before: q.cursor, limit });
    return { items, nextCursor: items.length === limit ? items[items.length - 1].id : null };
  }

  @Get(':id')
  @RequirePermission(Permission.INCIDENTS_READ)
  @ApiOperation({ summary: 'One incident with its sendings, confirmation records and the reminders sent' })
  @ApiOkResponse({ type: IncidentDetailDto })
  get(@Param() p: IncidentIdParamDto): Promise<IncidentDetailDto> {
    return this.incidents.get(p.id);
  }

  @Patch(':id')
  @RequirePermission(Permission.INCIDENTS_WRITE)
  @ApiOperation({ summary: "Changes an incident's details or assignees, or closes it once notified (the discovery time and deadline never change)" })
  @ApiOkResponse({ type: IncidentDetailDto })
  update(@Param() p: IncidentIdParamDto, @Body() dto: UpdateIncidentDto, @CurrentPrincipal() principal: Principal, @Req() request: Request): Promise<IncidentDetailDto> {
    return this.incidents.update(p.id, { ...dto, occurredFrom: optionalDate(dto.occurredFrom), occurredTo: optionalDate(dto.occurredTo) }, actor(principal, request));
  }

  @Get(':id/notice/draft')
  @RequirePermission(Permission.INCIDENTS_READ)
  @ApiOperation({ summary: "A fresh draft of the notice from the incident as it is now (not saved): to start again after the incident's details changed" })
  @ApiOkResponse({ type: BreachNoticeContentDto })
  draft(@Param() p: IncidentIdParamDto): Promise<BreachNoticeContent> {
    return this.notices.redraft(p.id);
  }

  @Get(':id/notice/versions')
  @RequirePermission(Permission.INCIDENTS_READ)
  @ApiOperation({ summary: 'Every saved version of the notice, newest first (version 1: the draft made at opening)' })
  @ApiOkResponse({ type: NoticeVersionListDto })
  async versions(@Param() p: IncidentIdParamDto): Promise<NoticeVersionListDto> {
    return { items: await this.notices.list(p.id) };
  }

  @Post(':id/notice/versions')
  @RequirePermission(Permission.INCIDENTS_WRITE)
  @ApiOperation({ summary: 'Saves an edit of the notice as the next version (refused with 409 once the notice is finalised)' })
  @ApiCreatedResponse({ type: NoticeVersionDto })
  save(@Param() p: IncidentIdParamDto, @Body() dto: SaveNoticeVersionDto, @CurrentPrincipal() principal: Principal, @Req() request: Request): Promise<NoticeVersionDto> {
    return this.notices.save(p.id, dto.content, actor(principal, request));
  }

  @Get(':id/notice/versions/:version')
  @RequirePermission(Permission.INCIDENTS_READ)
  @ApiOperation({ summary: 'One version of the notice' })
  @ApiOkResponse({ type: NoticeVersionDto })
  version(@Param() p: NoticeVersionParamDto): Promise<NoticeVersionDto> {
    return this.notices.get(p.id, p.version);
  }

  @Post(':id/notice/finalise')
  @HttpCode(200)
  @RequirePermission(Permission.INCIDENTS_WRITE)
  @ApiOperation({
    summary: 'Finalises the latest version: checks it is complete, assigns its number, makes the PDF and DOCX and keeps their SHA-256',
    description: 'A 400 lists what is missing (after the deadline, the reason for the delay too). Finalising again returns the finalised version: one number per notice.',
  })
  @ApiOkResponse({ type: NoticeVersionDto })
  async finalise(@Param() p: IncidentIdParamDto, @Body() dto: FinaliseNoticeDto, @CurrentPrincipal() principal: Principal, @Req() request: Request): Promise<NoticeVersionDto> {
    return (await this.notices.finalise(p.id, dto.version, actor(principal, request))).version;
  }

  @Get(':id/notice/versions/:version/pdf')
  @RequirePermission(Permission.INCIDENTS_READ)
  @ApiOperation({ summary: 'The finalised notice as a PDF, as kept' })
  @ApiProduces(MEDIA.pdf)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  pdf(@Param() p: NoticeVersionParamDto): Promise<StreamableFile> {
    return this.file(p, 'pdf');
  }

  @Get(':id/notice/versions/:version/docx')
  @RequirePermission(Permission.INCIDENTS_READ)
  @ApiOperation({ summary: 'The finalised notice as a Word document (DOCX), as kept' })
  @ApiProduces(MEDIA.docx)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  docx(@Param() p: NoticeVersionParamDto): Promise<StreamableFile> {
    return this.file(p, 'docx');
  }

  @Get(':id/notice/versions/:version/citizen-pdf')
  @RequirePermission(Permission.INCIDENTS_READ)
  @ApiOperation({ summary: "The notice to the affected citizens as a PDF (when biometric or location data was involved)" })
  @ApiProduces(MEDIA.pdf)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  citizenPdf(@Param() p: NoticeVersionParamDto): Promise<StreamableFile> {
    return this.file(p, 'citizen-pdf');
  }

  @Get(':id/notice/versions/:version/citizen-docx')
  @RequirePermission(Permission.INCIDENTS_READ)
  @ApiOperation({ summary: 'The notice to the affected citizens as a DOCX (when biometric or location data was involved)' })
  @ApiProduces(MEDIA.docx)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  citizenDocx(@Param() p: NoticeVersionParamDto): Promise<StreamableFile> {
    return this.file(p, 'citizen-docx');
  }

  @Post(':id/sending')
  @RequirePermission(Permission.INCIDENTS_WRITE)
  @ApiOperation({ summary: 'Records a sending of the notice (when, how, to whom, the receipt); the first sets notifiedAt' })
  @ApiCreatedResponse({ type: IncidentDetailDto })
  sending(@Param() p: IncidentIdParamDto, @Body() dto: RecordSendingDto, @CurrentPrincipal() principal: Principal, @Req() request: Request): Promise<IncidentDetailDto> {
    return this.incidents.recordSending(
      p.id,
      { at: new Date(dto.at), channel: dto.channel, recipient: dto.recipient, reference: dto.reference ?? null, note: dto.note ?? '' },
      actor(principal, request),
    );
  }

  @Post(':id/confirmation')
  @RequirePermission(Permission.INCIDENTS_WRITE)
  @ApiOperation({ summary: "Adds the confirmation record (biên bản) of the notice's receipt: a scanned file (kept with its SHA-256), a text, or both" })
  @ApiCreatedResponse({ type: IncidentDetailDto })
  confirmation(@Param() p: IncidentIdParamDto, @Body() dto: AddConfirmationDto, @CurrentPrincipal() principal: Principal, @Req() request: Request): Promise<IncidentDetailDto> {
    const data = dto.fileBase64 ? Buffer.from(dto.fileBase64, 'base64') : null;
    const file = data ? { name: dto.fileName ?? 'bien-ban', type: dto.fileType ?? 'application/octet-stream', data } : null;
    const sha256 = data ? createHash('sha256').update(data).digest() : null;
    return this.incidents.addConfirmation(p.id, { at: new Date(dto.at), channel: null, recipient: null, reference: null, note: dto.note ?? '', file }, sha256, actor(principal, request));
  }

  @Get(':id/records/:recordId/file')
  @RequirePermission(Permission.INCIDENTS_READ)
  @ApiOperation({ summary: 'The file of a confirmation record, as uploaded' })
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async recordFile(@Param() p: IncidentRecordParamDto): Promise<StreamableFile> {
    const file = await this.incidents.recordFile(p.id, p.recordId);
    return new StreamableFile(file.data, { type: file.type, length: file.data.length, disposition: `attachment; filename="${encodeURIComponent(file.name)}"` });
  }

  private async file(p: NoticeVersionParamDto, kind: NoticeFile): Promise<StreamableFile> {
    const { data } = await this.notices.file(p.id, p.version, kind);
    return new StreamableFile(data, { type: kind.endsWith('pdf') ? MEDIA.pdf : MEDIA.docx, length: data.length, disposition: `attachment; filename="${FILE_NAMES[kind](p.id, p.version)}"` });
  }
}

function actor(principal: Principal, request: Request): IncidentActor {
  return { actor: securityActorOf(principal), name: actorOf(principal), clientIp: request.ip };
}
