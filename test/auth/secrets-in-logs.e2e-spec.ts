import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, spawnService, waitForHttp } from '../utils/service-process';
import { createMigratedDatabase } from '../utils/test-database';

const json = async <T>(response: Promise<Response>): Promise<T> => (await (await response).json()) as T;

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

describe('The service log', () => {
  it('holds no password, access token, refresh token or API key, even at debug level', async () => {
    const db = await createMigratedDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'tthc-auth-logs-'));
    const port = await freePort();
    const firstPassword = 'Lần đầu đăng nhập 2026 !';
    const service = spawnService({
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      ROLES: 'api',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'debug',
      BOOTSTRAP_ADMIN_USERNAME: 'log.admin',
      BOOTSTRAP_ADMIN_PASSWORD: firstPassword,
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitForHttp(`${base}/health/ready`, service, 170_000);
      const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
        fetch(`${base}${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });

      await post('/v1/auth/login', { username: 'log.admin', password: 'a wrong password here' });
      const first = await json<Tokens>(
        post('/v1/auth/login', { username: 'log.admin', password: firstPassword }),
      );
      const newPassword = 'Mật khẩu mới của quản trị 2026';
      const bearer = { Authorization: `Bearer ${first.accessToken}` };
      expect(
        (await post('/v1/auth/change-password', { currentPassword: firstPassword, newPassword }, bearer))
          .status,
      ).toBe(204);
      const refreshed = await json<Tokens>(post('/v1/auth/refresh', { refreshToken: first.refreshToken }));
      const client = new Client({ connectionString: db.url });
      await client.connect();
      await client.query(
        `INSERT INTO source_system (code, name, operator_org) VALUES ('igate', 'iGate', 'VNPT')`,
      );
      await client.end();
      const issued = await json<{ key: string }>(
        post(
          '/v1/api-keys',
          { sourceSystemCode: 'igate', name: 'logs' },
          { Authorization: `Bearer ${refreshed.accessToken}` },
        ),
      );
      expect(issued.key).toMatch(/^tthc_/);
      expect(refreshed.refreshToken).toEqual(expect.any(String));
      await post('/v1/ingest/events', [], { 'X-Api-Key': issued.key });
      await fetch(`${base}/v1/users?password=${encodeURIComponent(newPassword)}`, {
        headers: { 'X-Api-Key': issued.key },
      });

      const output = service.output();
      expect(output).toMatch(/request completed/);
      for (const secret of [
        firstPassword,
        newPassword,
        'a wrong password here',
        first.accessToken,
        first.refreshToken,
        refreshed.refreshToken,
        issued.key,
      ]) {
        expect(output).not.toContain(secret);
      }
      expect(output).not.toContain(encodeURIComponent(newPassword));
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
      rmSync(dataDir, { recursive: true, force: true });
      await db.drop();
    }
  }, 240_000);
});
