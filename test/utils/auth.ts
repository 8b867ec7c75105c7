import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiKeyService, Role, SessionService, UserService } from '@app/auth';
import { SourceSystemRegistry, SourceSystemsService } from '@app/source-systems';

/**
 * A signed-in user with the given role(s), created directly (no password, so no forced password change):
 * returns the value of the Authorization header, "Bearer <access token>".
 */
export async function bearerFor(app: INestApplication, role: Role | Role[]): Promise<string> {
  const roles = Array.isArray(role) ? role : [role];
  const username = `t-${roles.join('-')}-${randomBytes(4).toString('hex')}`;
  const { user } = await app
    .get(UserService)
    .create(
      { username, displayName: username, email: `${username}@test.invalid`, roles, password: null },
      { kind: 'system', name: 'test' },
    );
  const { accessToken } = await app.get(SessionService).startSession(user);
  return `Bearer ${accessToken}`;
}

/** A fresh producer API key (header X-Api-Key) of the source system, registered first if it is not yet. */
export async function producerKeyFor(app: INestApplication, sourceSystemCode: string): Promise<string> {
  await app
    .get(DataSource)
    .query(
      `INSERT INTO source_system (code, name, operator_org) VALUES ($1, $1, 'Test operator') ON CONFLICT (code) DO NOTHING`,
      [sourceSystemCode],
    );
  const issued = await app.get(ApiKeyService).create({ sourceSystemCode, name: 'test key' }, 'test');
  return issued.key;
}

/**
 * A producer key of the system that owns the account directory (marked as an admin marks it): it may sync. The
 * registry learns of the system at once, as when it is registered through the API: its events count as activity.
 */
export async function directoryOwnerKeyFor(app: INestApplication, sourceSystemCode: string): Promise<string> {
  const key = await producerKeyFor(app, sourceSystemCode);
  await app.get(SourceSystemsService).setOwnsAccountDirectory(sourceSystemCode, true, 'test');
  await app.get(SourceSystemRegistry).refresh();
  return key;
}
