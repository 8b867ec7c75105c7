import request from 'supertest';
import { Role } from '@app/auth';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';

/** GET /v1/field-catalog: what the console labels declared fields with, readable by those who read the registry. */
describe('The field catalog', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(() => t?.close());

  it('lists every field code with its Vietnamese label and class, the sensitive ones marked', async () => {
    const res = await request(t.app.getHttpServer()).get('/v1/field-catalog').set('Authorization', await bearerFor(t.app, Role.OPERATOR)).expect(200);
    expect(res.body.version).toBe(1);
    expect(res.body.fields).toEqual(
      expect.arrayContaining([
        { code: 'fullName', label: 'Họ, chữ đệm và tên khai sinh', class: 'basic' },
        { code: 'religion', label: 'Tôn giáo', class: 'sensitive' },
      ]),
    );
    expect(new Set(res.body.fields.map((f: { code: string }) => f.code)).size).toBe(res.body.fields.length);
  });

  it('is refused to a reviewer (no source-systems:read) and without credentials', async () => {
    await request(t.app.getHttpServer()).get('/v1/field-catalog').set('Authorization', await bearerFor(t.app, Role.REVIEWER)).expect(403);
    await request(t.app.getHttpServer()).get('/v1/field-catalog').expect(401);
  });
});
