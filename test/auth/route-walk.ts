import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { ANY_PERMISSION_KEY, Permission, PERMISSIONS_KEY, PRODUCER_KEY, PUBLIC_KEY } from '@app/auth';

export interface Route {
  method: string;
  path: string;
  permissions?: Permission[];
  /** The route takes any one of permissions (RequireAnyPermission), not all of them. */
  anyPermission: boolean;
  publicReason?: string;
  allowsProducerKey: boolean;
}

/** Every route the booted app registered, with what it declares (read the way the guard reads it). */
export function registeredRoutes(app: INestApplication): Route[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
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
          anyPermission: Boolean(read(ANY_PERMISSION_KEY)),
          publicReason: read(PUBLIC_KEY),
          allowsProducerKey: Boolean(read(PRODUCER_KEY)),
        },
      ];
    });
  });
}

/** Whether a caller holding these permissions passes the route's permission check, as the guard decides it. */
export const permits = (route: Route, held: ReadonlySet<Permission>): boolean => {
  const required = route.permissions ?? [];
  return route.anyPermission ? required.some((p) => held.has(p)) : required.every((p) => held.has(p));
};

/** The route's path with each parameter filled in with a well-formed id that matches nothing. */
export const concretePath = (route: Route): string =>
  route.path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
