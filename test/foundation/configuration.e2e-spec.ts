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
