import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '@app/auth';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { expectNotStored, userWithPassword } from './auth.fixture';

describe('Responses that carry a secret', () => {
  let sut: TestApp;
  let admin: string;
  const http = () => request(sut.app.getHttpServer());

  beforeAll(async () => {
    sut = await bootTestApp({ AUTH_SIGN_IN_RATE_LIMIT: '1000' });
    admin = await bearerFor(sut.app, Role.ADMIN);
    await sut.app
      .get(DataSource)
      .query(`INSERT INTO source_system (code, name, operator_org) VALUES ('igate', 'iGate', 'VNPT')`);
  });
  afterAll(() => sut.close());

  it('sends Cache-Control: no-store with the tokens of a sign-in and of a refresh', async () => {
    const user = await userWithPassword(sut.app);
    const login = await http()
      .post('/v1/auth/login')
      .send({ username: user.username, password: user.password })
      .expect(200);
    expectNotStored(login);
    expectNotStored(
      await http().post('/v1/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(200),
    );
  });

  it('sends Cache-Control: no-store with a new API key, created or rotated', async () => {
    const created = await http()
      .post('/v1/api-keys')
      .set('Authorization', admin)
      .send({ sourceSystemCode: 'igate', name: 'no-store' })
      .expect(201);
    expectNotStored(created);
    expectNotStored(
      await http().post(`/v1/api-keys/${created.body.id}/rotate`).set('Authorization', admin).expect(201),
    );
  });

  it('sends Cache-Control: no-store with a one-time password, for a new user or a reset', async () => {
    const created = await http()
      .post('/v1/users')
      .set('Authorization', admin)
      .send({
        username: 'no.store',
        displayName: 'No Store',
        email: 'no.store@test.invalid',
        roles: ['reviewer'],
      })
      .expect(201);
    expectNotStored(created);
    expectNotStored(
      await http()
        .post(`/v1/users/${created.body.user.id}/reset-password`)
        .set('Authorization', admin)
        .expect(201),
    );
  });
});
