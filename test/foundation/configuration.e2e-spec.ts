import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnService } from '../utils/service-process';

describe('Start-up with a bad configuration', () => {
  it('stops before doing anything, naming the variable and the problem', async () => {
    const service = spawnService({ PORT: '70000', ROLES: 'api,reporting', DATA_DIR: '/nonexistent-never-used' });
    const code = await service.exited;
    expect(code).toBe(78);
    expect(service.output()).toMatch(/PORT: .*65535.*got "70000"/);
    expect(service.output()).toMatch(/ROLES: each role must be one of api, ingest, jobs/);
    expect(service.output()).not.toMatch(/Listening/);
  });
});

describe('Start-up without a setting that only a module checks', () => {
  it('in production on a server without SUBJECT_HASH_KEY, says so in one message and exits 78, without a stack trace', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tthc-no-subject-key-'));
    const service = spawnService({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
    });
    expect(await service.exited).toBe(78);
    rmSync(dataDir, { recursive: true, force: true });
    expect(service.output()).toContain(
      'Invalid configuration:\n  - SUBJECT_HASH_KEY: required in production with a database server (not set)\nThe service did not start.',
    );
    expect(service.output()).not.toMatch(/\n\s+at /);
    expect(service.output()).not.toMatch(/Listening/);
  });
});
