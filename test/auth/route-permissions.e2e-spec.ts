import request from 'supertest';
import { Permission } from '@app/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { concretePath, registeredRoutes, Route } from './route-walk';

describe('Route permissions', () => {
  let sut: TestApp;
  let routes: Route[];

  beforeAll(async () => {
    sut = await bootTestApp();
    routes = registeredRoutes(sut.app);
  });
  afterAll(() => sut.close());

  it('finds the routes of every controller, including the auth ones', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'GET /health',
        'POST /v1/auth/login',
        'GET /v1/users',
        'POST /v1/api-keys',
        'GET /v1/security-log',
        'POST /v1/reports/citizen-access',
        'GET /v1/reports/:id/deliveries',
        'POST /v1/reports/:id/deliveries/:deliveryId/retry',
        'GET /v1/reports/urgent-notices',
        'POST /v1/reports/urgent-notices/:deliveryId/retry',
      ]),
    );
  });

  it('guards the delivery log and retries: reads with reports:read, retries with reports:write', () => {
    const permissionsOf = (method: string, path: string) => routes.find((r) => r.method === method && r.path === path)?.permissions;
    expect(permissionsOf('GET', '/v1/reports/urgent-notices')).toEqual([Permission.REPORTS_READ]);
    expect(permissionsOf('GET', '/v1/reports/:id/deliveries')).toEqual([Permission.REPORTS_READ]);
    expect(permissionsOf('POST', '/v1/reports/urgent-notices/:deliveryId/retry')).toEqual([Permission.REPORTS_WRITE]);
    expect(permissionsOf('POST', '/v1/reports/:id/deliveries/:deliveryId/retry')).toEqual([Permission.REPORTS_WRITE]);
  });

  it("asks both reports:write and audit:search for a citizen's access report (it issues a document and reads one citizen's history)", () => {
    const route = routes.find((r) => r.method === 'POST' && r.path === '/v1/reports/citizen-access');
    expect(route).toMatchObject({ anyPermission: false, allowsProducerKey: false });
    expect([...(route?.permissions ?? [])].sort()).toEqual(
      [Permission.AUDIT_SEARCH, Permission.REPORTS_WRITE].sort(),
    );
  });

  it('guards the breach incidents: reads with incidents:read, every write with incidents:write', () => {
    const incidents = Object.fromEntries(
      routes.filter((r) => r.path.startsWith('/v1/incidents')).map((r) => [`${r.method} ${r.path}`, r.permissions]),
    );
    const read = [Permission.INCIDENTS_READ];
    const write = [Permission.INCIDENTS_WRITE];
    expect(incidents).toEqual({
      'POST /v1/incidents': write,
      'GET /v1/incidents': read,
      'GET /v1/incidents/:id': read,
      'PATCH /v1/incidents/:id': write,
      'GET /v1/incidents/:id/notice/draft': read,
      'GET /v1/incidents/:id/notice/versions': read,
      'POST /v1/incidents/:id/notice/versions': write,
      'GET /v1/incidents/:id/notice/versions/:version': read,
      'POST /v1/incidents/:id/notice/finalise': write,
      'GET /v1/incidents/:id/notice/versions/:version/pdf': read,
      'GET /v1/incidents/:id/notice/versions/:version/docx': read,
      'GET /v1/incidents/:id/notice/versions/:version/citizen-pdf': read,
      'GET /v1/incidents/:id/notice/versions/:version/citizen-docx': read,
      'POST /v1/incidents/:id/sending': write,
      'POST /v1/incidents/:id/confirmation': write,
      'GET /v1/incidents/:id/records/:recordId/file': read,
    });
  });

  it('has no route that declares neither a permission nor @Public', () => {
    const undeclared = routes
      .filter((r) => !r.permissions && !r.publicReason)
      .map((r) => `${r.method} ${r.path}`);
    expect(undeclared).toEqual([]);
  });

  it('refuses every non-public route to a caller without credentials (401)', async () => {
    const guarded = routes.filter((r) => !r.publicReason);
    expect(guarded.length).toBeGreaterThan(5);
    for (const route of guarded) {
      const res = await request(sut.app.getHttpServer())[route.method.toLowerCase() as 'get'](
        concretePath(route),
      );
      expect({ route: `${route.method} ${route.path}`, status: res.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
      });
    }
  });

  it('describes every route in OpenAPI with a tag and a summary, and marks each non-public one as needing credentials', async () => {
    const doc = (await request(sut.app.getHttpServer()).get('/api/docs-json').expect(200)).body;
    const problems: string[] = [];
    for (const route of routes) {
      const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
      const operation = doc.paths[path]?.[route.method.toLowerCase()];
      const name = `${route.method} ${route.path}`;
      if (!operation) problems.push(`${name}: not in the OpenAPI document`);
      else {
        if (!operation.tags?.length || !operation.summary)
          problems.push(`${name}: no @ApiTags or @ApiOperation summary`);
        if (!route.publicReason && !operation.security?.length)
          problems.push(`${name}: no security requirement`);
      }
    }
    expect(problems).toEqual([]);
  });
});
