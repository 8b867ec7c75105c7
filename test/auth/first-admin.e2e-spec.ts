import { Command } from 'commander';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import request from 'supertest';
import { loadConfig } from '@app/config';
import { createApp } from '../../apps/audit-service/src/bootstrap/create-app';
import { registerUserCommands } from '../../apps/audit-service/src/cli/user.commands';
import { bootTestApp } from '../utils/test-app';
import { createMigratedDatabase } from '../utils/test-database';
import { GOOD_PASSWORD } from './auth.fixture';

/** Runs the real `users:*` commands in-process, as `npm run cli -- …` does; returns what they print. */
async function cli(env: Record<string, string>, ...args: string[]): Promise<string> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env });
  const program = new Command().exitOverride();
  registerUserCommands(program, () => config);
  const printed: string[] = [];
  const spy = jest.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
  try {
    await program.parseAsync(['node', 'cli', ...args]);
  } finally {
    spy.mockRestore();
  }
  return printed.join('\n');
}

describe('The first admin', () => {
  it('is created by `users:create-admin` with a one-time password that must be changed at first sign-in', async () => {
    const db = await createMigratedDatabase();
    const env = { DATABASE_URL: db.url };
    const out = await cli(
      env,
      'users:create-admin',
      '--username',
      'first.admin',
      '--email',
      'admin@example.gov.vn',
    );
    const password = /one-time password: (\S+)/.exec(out)![1];
    const app = await createApp(
      loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', ROLES: 'api', ...env }),
      db.url,
    );
    await app.init();
    try {
      const http = () => request(app.getHttpServer());
      const signIn = await http()
        .post('/v1/auth/login')
        .send({ username: 'first.admin', password })
        .expect(200);
      expect(signIn.body.mustChangePassword).toBe(true);
      const auth = `Bearer ${signIn.body.accessToken}`;
      await http().get('/v1/users').set('Authorization', auth).expect(403);
      await http()
        .post('/v1/auth/change-password')
        .set('Authorization', auth)
        .send({ currentPassword: password, newPassword: GOOD_PASSWORD })
        .expect(204);
      const users = await http().get('/v1/users').set('Authorization', auth).expect(200);
      expect(users.body).toEqual([
        expect.objectContaining({ username: 'first.admin', roles: ['admin'], mustChangePassword: false }),
      ]);
      const log = await http()
        .get('/v1/security-log')
        .query({ type: 'user.created' })
        .set('Authorization', auth)
        .expect(200);
      expect(log.body.items).toEqual([
        expect.objectContaining({ actorKind: 'system', actorName: 'cli', target: 'first.admin' }),
      ]);
    } finally {
      await app.close();
      await db.drop();
    }
  });

  it('refuses a duplicate username from the command line, saying why', async () => {
    const db = await createMigratedDatabase();
    try {
      await cli(
        { DATABASE_URL: db.url },
        'users:create-admin',
        '--username',
        'boss',
        '--email',
        'boss@example.gov.vn',
      );
      await expect(
        cli(
          { DATABASE_URL: db.url },
          'users:create-admin',
          '--username',
          'boss',
          '--email',
          'b2@example.gov.vn',
        ),
      ).rejects.toThrow(/A user with this username already exists/);
    } finally {
      await db.drop();
    }
  });

  it('is created from BOOTSTRAP_ADMIN_* on an empty database only, and must change the password', async () => {
    const sut = await bootTestApp({
      BOOTSTRAP_ADMIN_USERNAME: 'boot.admin',
      BOOTSTRAP_ADMIN_PASSWORD: 'Khởi động lần đầu 2026!',
    });
    try {
      const res = await request(sut.app.getHttpServer())
        .post('/v1/auth/login')
        .send({ username: 'boot.admin', password: 'Khởi động lần đầu 2026!' })
        .expect(200);
      expect(res.body.mustChangePassword).toBe(true);
    } finally {
      await sut.close();
    }
  });

  it('is not created on a database server without BOOTSTRAP_ADMIN_*: no user, no password file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tthc-server-first-admin-'));
    const sut = await bootTestApp({ DATA_DIR: dataDir });
    try {
      expect(await sut.app.get(DataSource).query(`SELECT username FROM app_user`)).toEqual([]);
      expect(existsSync(join(dataDir, 'secrets', 'first-admin-password'))).toBe(false);
    } finally {
      await sut.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
