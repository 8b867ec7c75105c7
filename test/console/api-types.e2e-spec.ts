import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { bootTestApp, TestApp } from '../utils/test-app';

/**
 * The console's API types (apps/admin-web/src/lib/api-types.ts) are generated from the service's OpenAPI document,
 * so that the two cannot drift: this test regenerates them and fails when the committed file differs. Only the
 * schemas the console reads are kept, so a change elsewhere in the API does not touch it.
 * Regenerate with: UPDATE_API_TYPES=1 npm test -- test/console/api-types
 */
const FILE = join(__dirname, '..', '..', 'apps', 'admin-web', 'src', 'lib', 'api-types.ts');
const USED = [
  'AlertPageDto',
  'AlertDetailDto',
  'AlertSummaryDto',
  'MeDto',
  'OidcSettingsDto',
  'SessionTokensDto',
  'UserDto',
  'AccountPageDto',
  'AccountHistoryEntryDto',
  'LockChangeResultDto',
  'SourceSystemDto',
  'ApiKeyDto',
  'IssuedApiKeyDto',
  'CreateUserDto',
  'CreatedUserDto',
  // The overview
  'LookupSeriesDto',
  'IngestStatusDto',
  'AccountActivityDto',
  'ExemptionDto',
  'CreateExemptionDto',
  'LockWarningDto',
  'IdleLockRunDto',
  'DirectorySyncResultDto',
  // Integration and administration pages
  'FieldCatalogDto',
  'SourceFlagUsageDto',
  'CreateSourceSystemDto',
  'RejectionPageDto',
  'StuckBatchDto',
  'SecurityEventPageDto',
  'DetectionSettingDto',
  'DetectionSettingsPreviewDto',
  'CalendarYearDto',
  'PutCalendarDayDto',
  'WorkingHoursDto',
  'UnitKindWorkingHoursDto',
  'PutWorkingHoursDto',
  'UnitNetworkDto',
  'PutUnitNetworksDto',
  // Tracing (Tra cứu)
  'TraceSearchPageDto',
  'CitizenTimelineDto',
  'AccountTimelineDto',
  'RevealedSubjectDto',
  'TraceHistoryPageDto',
  // Reports (Báo cáo)
  'ReportPageDto',
  'ReportDto',
  'CreateReportDto',
  'CreateCitizenAccessReportDto',
  // Breach incidents (Sự cố)
  'IncidentPageDto',
  'IncidentDetailDto',
  'OpenIncidentDto',
  'UpdateIncidentDto',
  'NoticeVersionListDto',
  'SaveNoticeVersionDto',
  'RecordSendingDto',
  'AddConfirmationDto',
];
const ROOT = join(__dirname, '..', '..');
const HEADER =
  '// Generated from the OpenAPI document (GET /api/docs-json) by test/console/api-types.e2e-spec.ts: do not edit.\n' +
  '// Regenerate: UPDATE_API_TYPES=1 npm test -- test/console/api-types\n\n';

type Schemas = Record<string, unknown>;

/** openapi-typescript's own command (an ES module, which jest's CommonJS runtime cannot load in-process). */
function generate(document: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'tthc-api-types-'));
  try {
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(document));
    const cli = join(ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
    execFileSync(process.execPath, [cli, join(dir, 'openapi.json'), '--output', join(dir, 'api-types.ts')], { stdio: 'pipe' });
    return HEADER + readFileSync(join(dir, 'api-types.ts'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The named schemas and every schema they refer to. */
function closure(schemas: Schemas, names: string[]): Schemas {
  const kept: Schemas = {};
  const visit = (name: string) => {
    if (kept[name] || !schemas[name]) return;
    kept[name] = schemas[name];
    for (const [, ref] of JSON.stringify(schemas[name]).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) visit(ref);
  };
  names.forEach(visit);
  return Object.fromEntries(Object.keys(kept).sort().map((k) => [k, kept[k]]));
}

describe('The console API types', () => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('are those of the OpenAPI document', async () => {
    t = await bootTestApp();
    const doc = (await request(t.app.getHttpServer()).get('/api/docs-json').expect(200)).body;
    const missing = USED.filter((name) => !doc.components.schemas[name]);
    expect(missing).toEqual([]);
    const subset = { ...doc, paths: {}, components: { schemas: closure(doc.components.schemas, USED) } };
    const generated = generate(subset);
    if (process.env.UPDATE_API_TYPES) writeFileSync(FILE, generated);
    const committed = readFileSync(FILE, 'utf8');
    expect({ upToDate: committed === generated, regenerate: 'UPDATE_API_TYPES=1 npm test -- test/console/api-types' }).toEqual({
      upToDate: true,
      regenerate: 'UPDATE_API_TYPES=1 npm test -- test/console/api-types',
    });
  });
});
