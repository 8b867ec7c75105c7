import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { actorOf } from '@app/accounts';
import { CurrentPrincipal, Permission, Principal, RequirePermission } from '@app/auth';
import {
  checkedPeriod,
  CreateReportDto,
  ListReportsQueryDto,
  ReportArchiveService,
  ReportDeliveryDto,
  ReportDeliveryListDto,
  ReportDeliveryLogService,
  ReportDeliveryParamDto,
  ReportDto,
  ReportIdParamDto,
  ReportPageDto,
  toReportDeliveryDto,
  toReportDto,
} from '@app/reports';

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
  async create(@Body() dto: CreateReportDto, @CurrentPrincipal() principal: Principal): Promise<ReportDto> {
    const { report } = await this.archive.generate(
      'on_demand',
      checkedPeriod(dto.from, dto.to),
      actorOf(principal),
    );
    return toReportDto(report);
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
  pdf(@Param() p: ReportIdParamDto): Promise<StreamableFile> {
    return this.file(p.id, 'pdf');
  }

  @Get(':id/xlsx')
  @RequirePermission(Permission.REPORTS_READ)
  @ApiOperation({ summary: "The report's figures as an XLSX workbook (one sheet per section), as archived" })
  @ApiProduces(MEDIA.xlsx)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  xlsx(@Param() p: ReportIdParamDto): Promise<StreamableFile> {
    return this.file(p.id, 'xlsx');
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
    summary: 'Sends a delivery that failed for good again, with a fresh allowance of attempts (409 unless failed)',
  })
  @ApiOkResponse({ type: ReportDeliveryDto })
  async retryDelivery(@Param() p: ReportDeliveryParamDto): Promise<ReportDeliveryDto> {
    return toReportDeliveryDto(await this.deliveries.retry(p.id, p.deliveryId));
  }

  private async file(id: string, format: 'pdf' | 'xlsx'): Promise<StreamableFile> {
    const { report, data } = await this.archive.file(id, format);
    return new StreamableFile(data, {
      type: MEDIA[format],
      length: data.length,
      disposition: `attachment; filename="bao-cao-${report.year}-${report.number}.${format}"`,
    });
  }
}
