import request from 'supertest';
import { Permission, Role, ROLE_PERMISSIONS } from '@app/auth';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { concretePath, permits, registeredRoutes, Route } from './route-walk';

const mayCall = (role: Role, route: Route): boolean => permits(route, ROLE_PERMISSIONS[role]);

describe('Each role against each endpoint', () => {
  let sut: TestApp;
  let routes: Route[];
  const bearers = new Map<Role, string>();
  const http = () => request(sut.app.getHttpServer());

  beforeAll(async () => {
    sut = await bootTestApp();
    routes = registeredRoutes(sut.app).filter((r) => !r.publicReason);
    for (const role of Object.values(Role)) bearers.set(role, await bearerFor(sut.app, role));
  });
  afterAll(() => sut.close());

  it.each(Object.values(Role))(
    'refuses %s with 403 on every route needing a permission it lacks',
    async (role) => {
      const denied = routes.filter((r) => !mayCall(role, r));
      if (role === Role.ADMIN) expect(denied).toEqual([]);
      else expect(denied.length).toBeGreaterThan(0);
      const answers = [];
      for (const route of denied) {
        const res = await http()
          [route.method.toLowerCase() as 'get'](concretePath(route))
          .set('Authorization', bearers.get(role)!);
        answers.push(`${res.status} ${route.method} ${route.path}`);
      }
      expect(answers).toEqual(denied.map((r) => `403 ${r.method} ${r.path}`));
    },
  );

  it('lets each role through to the endpoints of this feature it may use', async () => {
    const cases: [Role, string, Permission | undefined][] = [
      [Role.ADMIN, '/v1/users', Permission.USERS_READ],
      [Role.ADMIN, '/v1/security-log', Permission.SECURITY_LOG_READ],
      [Role.OPERATOR, '/v1/api-keys', Permission.API_KEYS_MANAGE],
      [Role.ADMIN, '/v1/api-keys', Permission.API_KEYS_MANAGE],
      ...Object.values(Role).map((role): [Role, string, undefined] => [role, '/v1/auth/me', undefined]),
    ];
    for (const [role, path] of cases) {
      const res = await http().get(path).set('Authorization', bearers.get(role)!);
      expect(`${role} ${path} ${res.status}`).toBe(`${role} ${path} 200`);
    }
  });

  it('never lets an operator reach citizen-level audit data', () => {
    const forbidden = [Permission.AUDIT_SEARCH, Permission.EVIDENCE_EXPORT, Permission.ALERTS_READ];
    for (const p of forbidden) expect(ROLE_PERMISSIONS[Role.OPERATOR].has(p)).toBe(false);
    const reachable = routes.filter(
      (r) => mayCall(Role.OPERATOR, r) && r.permissions?.some((p) => forbidden.includes(p)),
    );
    expect(reachable).toEqual([]);
  });

  it('records each denial in the security log', async () => {
    // A reviewer of this test only: the walk above was denied too, and its events must not count here.
    const reviewer = await bearerFor(sut.app, Role.REVIEWER);
    const me = await http().get('/v1/auth/me').set('Authorization', reviewer).expect(200);
    const username: string = me.body.user.username;
    await http().get('/v1/security-log').set('Authorization', reviewer).expect(403);
    const res = await http()
      .get('/v1/security-log')
      .query({ type: 'permission.denied', actor: username })
      .set('Authorization', bearers.get(Role.ADMIN)!)
      .expect(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        actorKind: 'user',
        actorName: username,
        target: 'GET /v1/security-log',
        details: { missing: ['security-log:read'] },
      }),
    ]);
  });
});
