import { createHash } from 'crypto';
import helmet from 'helmet';

type Next = (err?: unknown) => void;
type Middleware = (req: unknown, res: { setHeader(name: string, value: string): unknown }, next: Next) => void;

/**
 * HSTS for a year. Browsers ignore it over plain http (embedded mode on loopback), so it is sent
 * always; behind the ingress's TLS it pins the county's host to https. No includeSubDomains: other
 * county sites on sibling names are not ours to pin.
 */
const HSTS = { maxAge: 31_536_000, includeSubDomains: false };

/**
 * The CSP of the two pages (/console/, /tip/): scripts only from our origin plus the inline scripts
 * whose hashes are given; styles inline too, because Ant Design and ECharts write style elements
 * and attributes at run time; images from our origin, data: (the empty favicon) and blob: (previews);
 * nothing may frame the pages, and no plugin, base or foreign form target.
 */
export function pageContentSecurityPolicy(inlineScriptHashes: readonly string[]): string {
  const scripts = ["'self'", ...[...new Set(inlineScriptHashes)].sort().map((h) => `'${h}'`)];
  return [
    "default-src 'self'",
    `script-src ${scripts.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The CSP of every API answer (JSON, exports, evidence): it is never a document that may run or load anything. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** `sha256-…` of each inline (src-less) script in a page, as CSP wants them. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map(
    (m) => `sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}`,
  );
}

/**
 * Browser protections for every answer of the HTTP app: helmet's set (nosniff, X-Frame-Options DENY,
 * HSTS, no X-Powered-By, same-origin opener and resource policies) with the API's CSP and no referrer,
 * then `Cache-Control: no-store`, so no answer carrying personal data (a decrypted identity, a receipt
 * lookup, a list of tips) stays in a browser's or proxy's cache. The console's static files replace
 * the CSP and Cache-Control with their own (see pageSecurityHeaders).
 */
export function apiSecurityHeaders(): Middleware {
  const base = helmet({
    contentSecurityPolicy: false,
    strictTransportSecurity: HSTS,
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
  }) as unknown as Middleware;
  return (req, res, next) => {
    res.setHeader('Content-Security-Policy', API_CONTENT_SECURITY_POLICY);
    res.setHeader('Cache-Control', 'no-store');
    base(req, res, next);
  };
}

/** The headers a page (/console/, /tip/) is served with in place of the API's CSP. */
export function pageSecurityHeaders(inlineHashes: readonly string[]): Record<string, string> {
  return { 'Content-Security-Policy': pageContentSecurityPolicy(inlineHashes) };
}
