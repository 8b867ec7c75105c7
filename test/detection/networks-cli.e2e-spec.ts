import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { runCli } from '../utils/cli-process';
import { createMigratedDatabase, TestDatabase } from '../utils/test-database';

describe('detection:networks:import', () => {
  let db: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'networks-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const cli = (...args: string[]) => runCli(args, { DATABASE_URL: db.url, NODE_ENV: 'test', LOG_LEVEL: 'warn', DATA_DIR: dir, SUBJECT_HASH_KEY: 'k'.repeat(40) });
  const stored = async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query(`SELECT unit_code, cidr::text AS cidr, label, updated_by FROM detection_unit_network ORDER BY unit_code, cidr`);
    await client.end();
    return rows;
  };

  beforeAll(async () => {
    db = await createMigratedDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('imports nothing from a file with bad lines, naming each line and what is wrong; then imports the corrected file', async () => {
    const bad = file(
      'bad.csv',
      ['unitCode,cidr,label', 'H56.01,10.12.0.0/16,LAN', 'H56.01,10.12.3.4/24,typo', 'XA 12,192.168.5.0/24,', 'XA.12,300.1.1.1/24,', 'XA.12,2001:db8:5::/48,IPv6'].join('\n'),
    );
    const failed = await cli('detection:networks:import', bad);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`${bad}: 3 line(s) are not valid; nothing was imported`);
    expect(failed.stderr).toContain(`${bad}:3: cidr: "10.12.3.4/24" has host bits set: the network is 10.12.3.0/24`);
    expect(failed.stderr).toContain(`${bad}:4: unitCode: "XA 12" is not a unit code`);
    expect(failed.stderr).toContain(`${bad}:5: cidr: "300.1.1.1/24" is not an IPv4 or IPv6 network`);
    expect(await stored()).toEqual([]);

    const good = file('good.csv', ['unitCode,cidr,label', 'H56.01,10.12.0.0/16,LAN', 'XA.12,192.168.5.0/24,', 'XA.12,2001:db8:5::/48,IPv6'].join('\n'));
    const ok = await cli('detection:networks:import', good);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('imported 3 network(s) for 2 unit(s)');
    expect(await stored()).toEqual([
      { unit_code: 'H56.01', cidr: '10.12.0.0/16', label: 'LAN', updated_by: 'system:cli' },
      { unit_code: 'XA.12', cidr: '192.168.5.0/24', label: null, updated_by: 'system:cli' },
      { unit_code: 'XA.12', cidr: '2001:db8:5::/48', label: 'IPv6', updated_by: 'system:cli' },
    ]);
  });

  it('refuses a file without the header, on line 1', async () => {
    const res = await cli('detection:networks:import', file('noheader.csv', 'H56.01,10.0.0.0/8,LAN\n'));
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/noheader\.csv:1: missing unitCode, cidr/);
  });
});
