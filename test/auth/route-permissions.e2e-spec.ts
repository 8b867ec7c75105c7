import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import request from 'supertest';
import { PERMISSIONS_KEY, PUBLIC_KEY } from '@app/auth';
import { bootTestApp, TestApp } from '../utils/test-app';

interface Route {
  method: string;
  path: string;
  permissions?: string[];
  publicReason?: string;
}

/** Every route the booted app registered, with what it declares (read the way the guard reads it). */
function registeredRoutes(sut: TestApp): Route[] {
  const discovery = new DiscoveryService(sut.app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  return discovery.getControllers().flatMap(({ metatype, instance }) => {
    if (!metatype || !instance) return [];
    const base = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
    return scanner.getAllMethodNames(Object.getPrototypeOf(instance)).flatMap((name) => {
      const handler = (instance as Record<string, unknown>)[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler);
      if (path === undefined) return [];
      const read = (key: string) => Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, metatype);
      return [
        {
          method: RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number],
          path: `/${[base, String(path)].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/'),
          permissions: read(PERMISSIONS_KEY),
          publicReason: read(PUBLIC_KEY),
        },
      ];
    });
  });
}

describe('Route permissions', () => {
  let sut: TestApp;
  let routes: Route[];

  beforeAll(async () => {
    sut = await bootTestApp();
    routes = registeredRoutes(sut);
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
      ]),
    );
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
      const path = route.path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
      const res = await request(sut.app.getHttpServer())[route.method.toLowerCase() as 'get'](path);
      expect({ route: `${route.method} ${route.path}`, status: res.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
      });
    }
  });
});
