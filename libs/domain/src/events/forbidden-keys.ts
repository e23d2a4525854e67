/**
 * Reporter identity must never travel in integration events (ARCHITECTURE.md, Security). These are
 * the keys a tip-line contract forbids; the registry rejects them at any depth of a payload.
 */
export const REPORTER_IDENTITY_KEYS: readonly string[] = ['reporterName', 'reporterPhone', 'reporterIdNumber', 'contact'];

/** reporterName, reporter_name, Reporter-Name compare equal. */
export function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[_\-\s]/g, '');
}

/** Path (keys and array indexes) of every forbidden key found in `value`, objects and arrays walked. */
export function findForbiddenKeys(value: unknown, forbidden: ReadonlySet<string>): (string | number)[][] {
  const found: (string | number)[][] = [];
  const seen = new Set<object>();
  const walk = (v: unknown, path: (string | number)[]) => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, [...path, i]));
      return;
    }
    for (const [k, child] of Object.entries(v)) {
      if (forbidden.has(normaliseKey(k))) found.push([...path, k]);
      walk(child, [...path, k]);
    }
  };
  walk(value, []);
  return found;
}
