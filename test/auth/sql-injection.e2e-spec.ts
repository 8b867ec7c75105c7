import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '@app/auth';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';

const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE app_user; --",
  '1) OR (1=1',
  "x' UNION SELECT password_hash FROM app_user--",
];
/** No SQL, stack, table or driver detail in an answer. */
const LEAK = /syntax error|SELECT |password_hash|relation "|QueryFailedError|\bat .*\.(js|ts):\d+/i;

interface Operation {
  path: string;
  parameters?: { name: string; in: 'query' | 'path' }[];
}

/**
 * Every GET endpoint of the booted app (read from its OpenAPI document, so endpoints added later are covered) gets
 * SQL-injection strings in each query and path parameter: the answer is never a 5xx, leaks nothing, and the data
 * is intact afterwards.
 */
describe('SQL-injection strings in every parameter of every GET endpoint', () => {
  let sut: TestApp;
  let admin: string;
  let operations: Operation[];

  beforeAll(async () => {
    sut = await bootTestApp();
    admin = await bearerFor(sut.app, Role.ADMIN);
    const doc = (await request(sut.app.getHttpServer()).get('/api/docs-json').expect(200)).body;
    operations = Object.entries(doc.paths as Record<string, { get?: Omit<Operation, 'path'> }>)
      .filter(([, item]) => item.get?.parameters?.length)
      .map(([path, item]) => ({ path, parameters: item.get!.parameters }));
  });
  afterAll(() => sut.close());

  it('finds endpoints with parameters to try', () => {
    expect(operations.map((o) => o.path)).toEqual(
      expect.arrayContaining(['/v1/users', '/v1/security-log', '/v1/users/{id}']),
    );
  });

  it('never answers with a server error or internals, and changes nothing', async () => {
    const before = await sut.app.get(DataSource).query(`SELECT count(*)::int AS n FROM app_user`);
    const failures: string[] = [];
    for (const { path, parameters } of operations) {
      for (const parameter of parameters!) {
        for (const value of INJECTIONS) {
          const filled = path.replace(/\{(\w+)\}/g, (_, name) =>
            encodeURIComponent(name === parameter.name ? value : '00000000-0000-4000-8000-000000000000'),
          );
          const query = parameter.in === 'query' ? { [parameter.name]: value } : {};
          const res = await request(sut.app.getHttpServer())
            .get(filled)
            .query(query)
            .set('Authorization', admin);
          // An answer may quote the value back ("no account …"); anything else SQL-like is a leak.
          const body = (JSON.stringify(res.body ?? '') + (res.text ?? ''))
            .split(JSON.stringify(value).slice(1, -1))
            .join('')
            .split(value)
            .join('');
          if (res.status >= 500 || LEAK.test(body))
            failures.push(`${res.status} GET ${path} ${parameter.name}=${value}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await sut.app.get(DataSource).query(`SELECT count(*)::int AS n FROM app_user`)).toEqual(before);
  });
});
