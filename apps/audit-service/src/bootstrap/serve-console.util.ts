import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/** Paths the console never answers: the API, its documentation, health and metrics keep their own routes. */
const SERVICE_PREFIXES = ['/v1', '/api', '/health', '/metrics'];

/** Vite names every built asset after its content hash, so a file under assets/ never changes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current assets: the browser must ask again each time (a 304 when unchanged). */
const REVALIDATE = 'no-cache';

const isServicePath = (path: string) => SERVICE_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));

/**
 * The console page's policy: helmet's, with two changes. Without upgrade-insecure-requests, which would send the
 * page's own scripts to https:// when the service is reached over plain http on an office network (browsers block
 * mixed content on https pages anyway). With the identity provider's origin allowed for fetch, when one is
 * configured: the console reads its discovery document and trades the authorization code from the browser.
 */
function pagePolicy(identityProvider?: string): string {
  const directives: Record<string, Iterable<unknown>> = { ...helmet.contentSecurityPolicy.getDefaultDirectives() };
  delete directives['upgrade-insecure-requests'];
  if (identityProvider) directives['connect-src'] = ["'self'", new URL(identityProvider).origin];
  return Object.entries(directives)
    .map(([name, values]) => [name, ...[...values].map(String)].join(' '))
    .join('; ');
}

/**
 * Serves the console (apps/admin-web, built into `dir`) at /: its files with caching headers, and index.html for
 * any other page the browser asks for, so that a client route opened by URL or reloaded works. Returns false, and
 * serves nothing, when the folder has no build.
 */
export function serveConsole(app: NestExpressApplication, dir: string, identityProvider?: string): boolean {
  const index = join(dir, 'index.html');
  const logger = new Logger('Console');
  if (!existsSync(index)) {
    logger.log(`No console build in ${dir} (npm run build:web): the API runs without the console`);
    return false;
  }
  const assets = join(dir, 'assets') + sep;
  const policy = pagePolicy(identityProvider);
  const files = express.static(dir, {
    // index.html is served below, for / and every client route alike.
    index: false,
    redirect: false,
    setHeaders: (res, file) => res.setHeader('Cache-Control', file.startsWith(assets) ? IMMUTABLE : REVALIDATE),
  });
  // API requests skip the file lookup (a stat of the disk, and an error object when it fails, on every call).
  app.use((req: Request, res: Response, next: NextFunction) => (isServicePath(req.path) ? next() : files(req, res, next)));
  app.use((req: Request, res: Response, next: NextFunction) => {
    const page = (req.method === 'GET' || req.method === 'HEAD') && !isServicePath(req.path);
    if (!page || req.path.startsWith('/assets/') || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', REVALIDATE);
    res.setHeader('Content-Security-Policy', policy);
    res.sendFile(index);
  });
  return true;
}
