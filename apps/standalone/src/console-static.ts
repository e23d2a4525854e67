import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import compression from 'compression';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { inlineScriptHashes, pageSecurityHeaders } from '@lw/runtime';

/** Where the console's Nx build (`nx run console:build`) writes its static files. */
export const CONSOLE_DIST = join(__dirname, '..', '..', 'console', 'dist');

/** The two single-page apps and the paths they own (client-side routes fall back to their index.html). */
const PAGES = [
  { prefix: '/console', index: join('console', 'index.html') },
  { prefix: '/tip', index: join('tip', 'index.html') },
];

interface Req {
  method: string;
  path: string;
}
interface Res {
  sendFile(path: string, opts: { headers: Record<string, string> }): void;
  redirect(status: number, url: string): void;
  removeHeader(name: string): void;
}

/**
 * Serves the built console in embedded mode, gzipped: hashed assets cached for a year, the pages never
 * cached (so a new build is picked up), `/` redirected to the console. Returns false when the
 * console has not been built (the API still works).
 */
export function mountConsole(app: INestApplication, dist = CONSOLE_DIST): boolean {
  if (!existsSync(join(dist, 'console', 'index.html'))) return false;
  const express = app as NestExpressApplication;
  // The pages' CSP admits exactly the inline scripts this build contains (the rest of the browser
  // headers come from the HTTP app's own middleware, which runs first).
  const pageHeaders = pageSecurityHeaders(PAGES.flatMap((p) => inlineScriptHashes(readFileSync(join(dist, p.index), 'utf8'))));
  // Gzip for the pages and their scripts (a third of the bytes on a phone's slow link); API answers
  // are left as they are, so no service's behaviour changes with the console.
  const gzip = compression();
  express.use((req: Req, res: Res, next: () => void) =>
    req.path.startsWith('/assets/') || PAGES.some((p) => req.path === p.prefix || req.path.startsWith(`${p.prefix}/`))
      ? gzip(req as never, res as never, next)
      : next(),
  );
  // The HTTP app marks every answer no-store; hashed assets are the one thing a browser should keep.
  express.use((req: Req, res: Res, next: () => void) => {
    if (req.path.startsWith('/assets/')) res.removeHeader('Cache-Control');
    next();
  });
  express.useStaticAssets(join(dist, 'assets'), { prefix: '/assets/', immutable: true, maxAge: '365d', index: false });
  express.use((req: Req, res: Res, next: () => void) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path === '/') return res.redirect(302, '/console/');
    const page = PAGES.find((p) => req.path === p.prefix || req.path.startsWith(`${p.prefix}/`));
    if (!page) return next();
    res.sendFile(join(dist, page.index), { headers: { 'cache-control': 'no-cache', 'content-type': 'text/html; charset=utf-8', ...pageHeaders } });
  });
  return true;
}
