import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { actorOf } from '@app/accounts';
import {
  CurrentPrincipal,
  NoStore,
  Permission,
  Principal,
  RequirePermission,
  securityActorOf,
} from '@app/auth';
import {
  checkedPeriod,
  CitizenAccessReportService,
  CreateCitizenAccessReportDto,
  CreateReportDto,
  ListReportsQueryDto,
  ListUrgentNoticesQueryDto,
  ReportArchiveService,
  ReportDeliveryDto,
  ReportDeliveryListDto,
  ReportDeliveryLogService,
  ReportDeliveryParamDto,
  ReportDto,
  ReportIdParamDto,
  ReportPageDto,
  ReportRequester,
  toReportDeliveryDto,
  toReportDto,
  toUrgentNoticeDeliveryDto,
  UrgentNoticeDeliveryDto,
  UrgentNoticeDeliveryListDto,
  UrgentNoticeDeliveryParamDto,
} from '@app/reports';
import { traceCaseOf } from '@app/trace';

const DEFAULT_LIMIT = 50;
const MEDIA = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The archive of reports to the Provincial People's Committee Office (docs/reports.md). */
@ApiTags('reports')
@Controller('v1/reports')
export class ReportsController {
  constructor(
    private readonly archive: ReportArchiveService,
    private readonly citizenAccess: CitizenAccessReportService,
    private readonly deliveries: ReportDeliveryLogService,
  ) {}

  @Get()
  @RequirePermission(Permission.REPORTS_READ)
  @ApiOperation({
    summary: 'Archived reports, newest first, with the SHA-256 of each file; paginated by cursor',
  })
  @ApiOkResponse({ type: ReportPageDto })
  async list(@Query() q: ListReportsQueryDto): Promise<ReportPageDto> {
    const limit = q.limit ?? DEFAULT_LIMIT;
    const items = await this.archive.list({ kind: q.kind, before: q.cursor, limit });
    return {
      items: items.map(toReportDto),
      nextCursor: items.length === limit ? items[items.length - 1].id : null,
    };
  }

  @Post()
  @RequirePermission(Permission.REPORTS_WRITE)
  @ApiOperation({
    summary:
      'Generates and archives an on-demand report for a period [from, to) of local days (Vietnam), as PDF and XLSX',
    description:
      'Takes a few seconds for a quarter. The figures are as of now; the report keeps them as they were.',
  })
  @ApiCreatedResponse({ type: ReportDto })
  async create(
    @Body() dto: CreateReportDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<ReportDto> {
    const { report } = await this.archive.generate(
      'on_demand',
      checkedPeriod(dto.from, dto.to),
      actorOf(principal),
      requester(principal, request),
    );
    return toReportDto(report);
  }

  @Post('citizen-access')
  @NoStore()
  @RequirePermission(Permission.REPORTS_WRITE, Permission.AUDIT_SEARCH)
  @ApiOperation({
    summary:
      "Generates and archives a citizen's access report: who looked up this citizen (account, unit, time, system, dossier, procedure, fields), with the chain evidence",
    description:
      'Answers a citizen\'s request (docs/reports.md, "A citizen\'s access report"). Needs reports:write and audit:search. ' +
      'caseReference and purpose are required (400 naming the missing field). The personal ID is only ever in the body: hashed on arrival with every key ' +
      '(current and rotated), never stored, logged or printed. Recorded in the security log (trace.access-reported) with the case and the citizen hashed. ' +
      'The files are then at GET /v1/reports/{id}/pdf and /xlsx.',
  })
  @ApiCreatedResponse({ type: ReportDto })
  async createCitizenAccess(
    @Body() dto: CreateCitizenAccessReportDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<ReportDto> {
    const report = await this.citizenAccess.generate(
      {
        subject: dto.subject,
        case: traceCaseOf(dto),
        requesterName: dto.requesterName,
        from: dto.from,
        to: dto.to,
      },
      actorOf(principal),
      requester(principal, request),
    );
    return toReportDto(report);
  }

  // Before ':id', which would take "urgent-notices" for a report's id.
  @Get('urgent-notices')
  @RequirePermission(Permission.REPORTS_READ)
  @ApiOperation({
    summary: 'The deliveries of urgent notices (critical alerts by email), newest first (the latest 200); status=failed: those to retry',
  })
  @ApiOkResponse({ type: UrgentNoticeDeliveryListDto })
  async listUrgentNotices(@Query() q: ListUrgentNoticesQueryDto): Promise<UrgentNoticeDeliveryListDto> {
    return { items: (await this.deliveries.listUrgentNotices(q.status)).map(toUrgentNoticeDeliveryDto) };
  }

  @Post('urgent-notices/:deliveryId/retry')
  @HttpCode(200)
  @RequirePermission(Permission.REPORTS_WRITE)
  @ApiOperation({
    summary: 'Sends an urgent notice that failed for good again, with a fresh allowance of attempts (409 unless failed)',
    description: 'Recorded in the security log (report.delivery-retried).',
  })
  @ApiOkResponse({ type: UrgentNoticeDeliveryDto })
  async retryUrgentNotice(
    @Param() p: UrgentNoticeDeliveryParamDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<UrgentNoticeDeliveryDto> {
    return toUrgentNoticeDeliveryDto(await this.deliveries.retry('urgent_notice', p.deliveryId, requester(principal, request)));
  }

  @Get(':id')
  @RequirePermission(Permission.REPORTS_READ)
  @ApiOperation({
    summary: 'One archived report: its period, number, author and the SHA-256 of its PDF and XLSX',
  })
  @ApiOkResponse({ type: ReportDto })
  async get(@Param() p: ReportIdParamDto): Promise<ReportDto> {
    return toReportDto(await this.archive.get(p.id));
  }

  @Get(':id/pdf')
  @RequirePermission(Permission.REPORTS_READ)
  @ApiOperation({
    summary: 'The report as a PDF (Vietnamese administrative document, Decree 30/2020/NĐ-CP), as archived',
  })
  @ApiProduces(MEDIA.pdf)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  pdf(
    @Param() p: ReportIdParamDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    return this.file(p.id, 'pdf', requester(principal, request));
  }

  @Get(':id/xlsx')
  @RequirePermission(Permission.REPORTS_READ)
  @ApiOperation({ summary: "The report's figures as an XLSX workbook (one sheet per section), as archived" })
  @ApiProduces(MEDIA.xlsx)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  xlsx(
    @Param() p: ReportIdParamDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    return this.file(p.id, 'xlsx', requester(principal, request));
  }

  @Get(':id/deliveries')
  @RequirePermission(Permission.REPORTS_READ)
  @ApiOperation({
    summary: "The report's delivery log: each recipient and channel, its status, attempts and last error",
  })
  @ApiOkResponse({ type: ReportDeliveryListDto })
  async listDeliveries(@Param() p: ReportIdParamDto): Promise<ReportDeliveryListDto> {
    return { items: (await this.deliveries.list(p.id)).map(toReportDeliveryDto) };
  }

  @Post(':id/deliveries/:deliveryId/retry')
  @HttpCode(200)
  @RequirePermission(Permission.REPORTS_WRITE)
  @ApiOperation({
    summary:
      'Sends a delivery that failed for good again, with a fresh allowance of attempts (409 unless failed)',
    description: 'Recorded in the security log (report.delivery-retried).',
  })
  @ApiOkResponse({ type: ReportDeliveryDto })
  async retryDelivery(
    @Param() p: ReportDeliveryParamDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<ReportDeliveryDto> {
    return toReportDeliveryDto(await this.deliveries.retry({ reportId: p.id }, p.deliveryId, requester(principal, request)));
  }

  private async file(id: string, format: 'pdf' | 'xlsx', by: ReportRequester): Promise<StreamableFile> {
    const { report, data } = await this.archive.file(id, format, by);
    return new StreamableFile(data, {
      type: MEDIA[format],
      length: data.length,
      disposition: `attachment; filename="bao-cao-${report.year}-${report.number}.${format}"`,
    });
  }
}

export function requester(principal: Principal, request: Request): ReportRequester {
  return { actor: securityActorOf(principal), clientIp: request.ip };
}
