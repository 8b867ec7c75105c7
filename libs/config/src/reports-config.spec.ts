import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadReportOrganisation } from './reports-config';

const CONFIG_DIR = join(__dirname, '..', '..', '..', 'config');

function withNotice(change: (notice: Record<string, unknown>) => void): string {
  const sample = JSON.parse(readFileSync(join(CONFIG_DIR, 'report-organisation.json'), 'utf8'));
  change(sample.notice);
  const file = join(mkdtempSync(join(tmpdir(), 'notice-org-')), 'org.json');
  writeFileSync(file, JSON.stringify(sample));
  return file;
}

describe(loadReportOrganisation.name, () => {
  it('reads the sample file with its notice object, the province notified as Quảng Trị asks', () => {
    const { organisation, problems } = loadReportOrganisation(undefined, CONFIG_DIR);
    expect(problems).toEqual([]);
    expect(organisation!.notice).toMatchObject({
      symbol: 'TB-VP',
      dataProtectionLead: { email: expect.stringContaining('@') },
      recipients: { ministry: expect.stringContaining('A05'), notifyProvince: true },
    });
    expect(organisation!.notice.recipients.province).toMatch(
      /Ủy ban nhân dân tỉnh Quảng Trị \(qua Công an tỉnh\)/,
    );
  });

  it("names the notice's field and why when it is wrong", () => {
    const file = withNotice((n) => {
      n.taxCode = '12345';
      delete (n.dataProtectionLead as Record<string, unknown>).email;
      n.symbol = 'tb vp';
    });
    expect(loadReportOrganisation(file, CONFIG_DIR).problems).toEqual([
      `REPORTS_ORGANISATION_FILE: ${file}: notice.taxCode: must be a tax code of 10 digits, or 13 with a branch suffix (0101234567-001)`,
      `REPORTS_ORGANISATION_FILE: ${file}: notice.dataProtectionLead.email: Invalid input: expected string, received undefined`,
      `REPORTS_ORGANISATION_FILE: ${file}: notice.symbol: must look like BC-VP (capitals and digits, joined by dashes)`,
    ]);
  });

  it('refuses to notify the province without naming it', () => {
    const file = withNotice((n) => delete (n.recipients as Record<string, unknown>).province);
    expect(loadReportOrganisation(file, CONFIG_DIR).problems).toEqual([
      `REPORTS_ORGANISATION_FILE: ${file}: notice: recipients.province must name the Provincial People's Committee when recipients.notifyProvince is true`,
    ]);
    const off = withNotice((n) => {
      delete (n.recipients as Record<string, unknown>).province;
      (n.recipients as Record<string, unknown>).notifyProvince = false;
    });
    expect(loadReportOrganisation(off, CONFIG_DIR).problems).toEqual([]);
  });
});
