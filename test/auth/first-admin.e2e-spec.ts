import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { loadConfig } from '@app/config';
import { createApp } from '../../apps/audit-service/src/bootstrap/create-app';
import { bootTestApp } from '../utils/test-app';
import { createMigratedDatabase } from '../utils/test-database';
import { GOOD_PASSWORD } from './auth.fixture';

const ROOT = join(__dirname, '..', '..');

/** Runs the real command line from source, as `npm run cli -- …` does from the build. */
async function cli(env: Record<string, string>, ...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['-r', '@swc-node/register', join(ROOT, 'apps/audit-service/src/cli.ts'), ...args],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
        LOG_LEVEL: 'warn',
        ...env,
      },
    },
  );
  return stdout;
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
});
