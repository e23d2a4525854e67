import { headerValue, type AuthRequest } from './auth-request';

/** The console's session cookie: the signed token, never readable by page scripts. */
export const SESSION_COOKIE = 'lw_session';

/**
 * A companion cookie the console may read, holding nothing but "1": it tells the page whether to
 * ask GET /auth/me on load (the session cookie itself is invisible to scripts).
 */
export const SIGNED_IN_COOKIE = 'lw_signed_in';

/** Header the console sends on every request; a cross-site form or image cannot set it. */
export const CSRF_HEADER = 'x-lw-csrf';

/** When the cookie is marked Secure: 'auto' follows the request (https, or a trusted proxy saying so). */
export type CookieSecurity = 'auto' | 'always';

interface CookieRequest extends AuthRequest {
  /** Express: true over https, or behind a trusted proxy that says so (trust proxy). */
  secure?: boolean;
}

export function sessionCookieOf(req: AuthRequest): string | undefined {
  const header = headerValue(req, 'cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

/**
 * HttpOnly (no script reads it, so an injected script on the public page on the same origin cannot
 * take it), SameSite=Strict (no cross-site request carries it), Path=/ (every service prefix).
 * Secure when the request came over https; plain http is left working for embedded mode on
 * loopback, where browsers treat http://127.0.0.1 as a secure context anyway.
 */
export function sessionCookie(req: AuthRequest, token: string | null, maxAgeSeconds: number, security: CookieSecurity = 'auto'): string {
  return cookie(req, SESSION_COOKIE, token, maxAgeSeconds, security, true);
}

/** Both cookies of a login (token) or of a logout (null). */
export function sessionCookies(req: AuthRequest, token: string | null, maxAgeSeconds: number, security: CookieSecurity = 'auto'): string[] {
  return [sessionCookie(req, token, maxAgeSeconds, security), cookie(req, SIGNED_IN_COOKIE, token ? '1' : null, maxAgeSeconds, security, false)];
}

function cookie(req: AuthRequest, name: string, value: string | null, maxAgeSeconds: number, security: CookieSecurity, httpOnly: boolean): string {
  const secure = security === 'always' || (req as CookieRequest).secure === true;
  const parts = [`${name}=${value ?? ''}`, 'Path=/'];
  if (httpOnly) parts.push('HttpOnly');
  parts.push('SameSite=Strict', `Max-Age=${value ? Math.max(0, Math.floor(maxAgeSeconds)) : 0}`);
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/**
 * A state-changing request authenticated by the cookie must carry the console's header and must
 * not be marked cross-site by the browser. With SameSite=Strict this is defence in depth.
 */
export function looksCrossSite(req: AuthRequest): boolean {
  const site = headerValue(req, 'sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return true;
  return headerValue(req, CSRF_HEADER) !== '1';
}

export function isSafeMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
}
