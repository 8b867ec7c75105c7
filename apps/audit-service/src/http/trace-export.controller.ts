import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, NoStore, Permission, Principal, RequirePermission, securityActorOf } from '@app/auth';
import { DomainException, ErrorCode } from '@app/common';
import {
  EvidenceExportRequest,
  EvidenceExportService,
  ExportFormatQueryDto,
  ExportTraceQueryDto,
  RevealedExportDto,
  SearchTraceEventsDto,
  traceCaseOf,
  traceCriteriaOf,
} from '@app/trace';

const EXPORT_DESCRIPTION =
  'caseReference and purpose are required (400 naming the missing field otherwise). The matching events, newest ' +
  'first, streamed as the file (a million rows in flat memory); cells a spreadsheet would run as a formula start with ' +
  "an apostrophe; citizens appear as the keyed hash. The response's X-Export-Id header names the export and its Link " +
  'header the manifest (GET /v1/trace/exports/{id}/manifest), which is stored by the time the body ends: the query ' +
  "(citizens hashed), the case, who and when, the file's SHA-256, and the proof of every row against the integrity " +
  'chain, signed. `npm run cli -- verify-export <manifest> <file> --public-key <key>` checks both offline. Recorded in ' +
  'the security log (case, criteria hashed, row count, file hash).';

/** Evidence exports of auditors' searches (docs/trace-export.md). */
@ApiTags('trace')
@Controller('v1/trace')
export class TraceExportController {
  constructor(private readonly exports: EvidenceExportService) {}

  @Get('export')
  @RequirePermission(Permission.EVIDENCE_EXPORT)
  @ApiOperation({ summary: "Export a search's events as CSV or XLSX, with a manifest anyone can verify offline", description: EXPORT_DESCRIPTION })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The file, streamed; X-Export-Id and Link name its manifest' })
  exportByQuery(@Query() q: ExportTraceQueryDto, @CurrentPrincipal() principal: Principal, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.stream({ case: traceCaseOf(q), criteria: traceCriteriaOf(q), format: q.format }, principal, req, res);
  }

  @Post('export')
  @HttpCode(200)
  @RequirePermission(Permission.EVIDENCE_EXPORT)
  @ApiOperation({ summary: 'The same export with citizens: personal IDs in the body, hashed on arrival with every key', description: EXPORT_DESCRIPTION })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The file, streamed; X-Export-Id and Link name its manifest' })
  exportByBody(
    @Query() q: ExportFormatQueryDto,
    @Body() dto: SearchTraceEventsDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.stream({ case: traceCaseOf(dto), subjectIds: dto.subjectIds, criteria: traceCriteriaOf(dto), format: q.format }, principal, req, res);
  }

  @Post('export/revealed')
  @HttpCode(200)
  @RequirePermission(Permission.EVIDENCE_EXPORT, Permission.AUDIT_REVEAL)
  @ApiOperation({
    summary: 'The same export with each citizen\'s personal ID in clear beside the keyed hash (evidence:export and audit:reveal), with a reason',
    description:
      `${EXPORT_DESCRIPTION} The file gets one more column, subject_id, opened from the encrypted copy (SUBJECT_ENCRYPTION_KEY; without it 409); ` +
      'the verifier ignores that column. The reason is kept in the security log with the export.',
  })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The file, streamed; X-Export-Id and Link name its manifest' })
  exportRevealed(
    @Query() q: ExportFormatQueryDto,
    @Body() dto: RevealedExportDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const request = { case: traceCaseOf(dto), subjectIds: dto.subjectIds, criteria: traceCriteriaOf(dto), format: q.format, reveal: { reason: dto.reason } };
    return this.stream(request, principal, req, res);
  }

  @Get('exports/:id/manifest')
  @NoStore()
  @Header('Content-Type', 'application/json; charset=utf-8')
  @RequirePermission(Permission.EVIDENCE_EXPORT)
  @ApiOperation({
    summary: "An export's manifest (canonical JSON, signed), as a file to keep beside the export",
    description: 'It holds no personal data (citizens by keyed hash), so any holder of evidence:export may fetch it, e.g. a second auditor checking the first one\'s export.',
  })
  @ApiOkResponse({ description: 'The manifest file (tthc-audit/evidence-export/v1)' })
  async manifest(@Param('id', new ParseUUIDPipe()) id: string, @Res() res: Response): Promise<void> {
    const found = await this.exports.manifestOf(id);
    if (!found) throw new DomainException(ErrorCode.NOT_FOUND, `No evidence export ${id}`);
    res.setHeader('Content-Disposition', `attachment; filename="trace-export-${id}.manifest.json"`);
    res.send(found.manifest);
  }

  /** Headers first (the export id), then the rows; the body ends once the manifest is stored. */
  private async stream(request: EvidenceExportRequest, principal: Principal, req: Request, res: Response): Promise<void> {
    const started = this.exports.start(request, { actor: securityActorOf(principal), clientIp: req.ip });
    res.status(200);
    res.setHeader('Content-Type', started.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${started.fileName}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Export-Id', started.id);
    res.setHeader('Link', `</v1/trace/exports/${started.id}/manifest>; rel="describedby"`);
    try {
      await started.write(res);
      res.end();
    } catch (error) {
      if (!res.headersSent) {
        // Refused before the first byte (a revealed export too large): an error, not a file.
        for (const header of ['Content-Type', 'Content-Disposition', 'X-Export-Id', 'Link']) res.removeHeader(header);
        throw error;
      }
      res.destroy(error as Error); // mid-file: the client sees a cut response, never a file that looks whole
    }
  }
}
