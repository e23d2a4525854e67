import fc from 'fast-check';

/** Dates that broke date arithmetic before (H3) or are not dates at all. */
export const FAR_DATES = ['9999-12-31', '+010000-01-01', '0000-01-01', '2026-02-30', '2026-13-01', '1900-01-01', '2026-2-3', '-000001-01-01', '275760-09-13'];

const LONG = 'x'.repeat(100_000);

/** Strings an attacker sends: NUL and control characters, lone surrogates, huge, markup, SQL, far dates. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\u0001\u0002\u0007\u001b[31m\u001f\u007f',
    '\r\n\t\v\f',
    '\u202e\u200b\ufeff',
    '\ud800',
    '\udfff\ud800',
    LONG,
    '中'.repeat(30_000),
    '',
    ' ',
    '__proto__',
    'constructor',
    '<script>alert(1)</script>',
    "'; DROP TABLE tips;--",
    '=HYPERLINK("http://x")',
    '${7*7}',
    '%00',
    '../../../../etc/passwd',
    'NaN',
    '1e309',
    '-1',
    '0x10',
    ...FAR_DATES,
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u0008', '\u001f', 'a', '中', '\ud83d\ude00'), maxLength: 20 }),
);

/** Numbers that are too big, negative, fractional, or not numbers in JSON (NaN → null). */
export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(1e308, -1e308, -1, -0, 0, 0.5, 1.0000001, 2 ** 31, 2 ** 53 + 2, -(2 ** 53), Number.MAX_SAFE_INTEGER, 1e21, 5e-324),
  fc.double({ noNaN: true }),
  fc.integer(),
);

/** Any JSON value of a wrong type, shallow or deep. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  nastyNumber,
  fc.constantFrom(null, true, false, [], {}, [null], { __proto__: null }),
  fc.array(nastyString, { maxLength: 3 }),
  fc.dictionary(nastyString, nastyString, { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 4 }),
);

/** Bodies that are not what any schema wants: raw text, deep nesting, prototype keys, broken JSON. */
export const nastyRawBody: fc.Arbitrary<{ body: string; contentType: string }> = fc.oneof(
  fc.constantFrom(
    { body: `${'['.repeat(5000)}${']'.repeat(5000)}`, contentType: 'application/json' },
    { body: `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`, contentType: 'application/json' },
    { body: '{"__proto__":{"polluted":"yes","isAdmin":true},"constructor":{"prototype":{"polluted":"yes"}}}', contentType: 'application/json' },
    { body: '{"a":1,"a":2}', contentType: 'application/json' },
    { body: '{', contentType: 'application/json' },
    { body: '"\u0000"', contentType: 'application/json' },
    { body: 'null', contentType: 'application/json' },
    { body: '[]', contentType: 'application/json' },
    { body: '1e999', contentType: 'application/json' },
    { body: 'a=1&a=2&__proto__[x]=1', contentType: 'application/x-www-form-urlencoded' },
    { body: '<x/>', contentType: 'application/xml' },
    { body: '\u0000\u0001', contentType: 'text/plain' },
    { body: '--x\r\nContent-Disposition: form-data; name="tip"\r\n\r\n{}\r\n--x--', contentType: 'multipart/form-data; boundary=y' },
  ),
  fc.json({ maxDepth: 3 }).map((body) => ({ body, contentType: 'application/json' })),
);

/** Leaf paths of a JSON value, e.g. ['subjects', 0, 'name']. */
export function leafPaths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return v.length ? v.flatMap((x, i) => leafPaths(x, [...prefix, i])) : [prefix];
  if (v && typeof v === 'object') {
    const keys = Object.keys(v);
    return keys.length ? keys.flatMap((k) => [[...prefix, k], ...leafPaths((v as Record<string, unknown>)[k], [...prefix, k])]) : [prefix];
  }
  return [prefix];
}

/** A copy of `v` with the value at `path` replaced (or removed when `replacement` is the REMOVE token). */
export const REMOVE = Symbol('remove');
export function withValue(v: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement === REMOVE ? undefined : replacement;
  const copy: any = Array.isArray(v) ? [...v] : { ...(v as object) };
  const [head, ...rest] = path;
  if (rest.length === 0) {
    if (replacement === REMOVE) {
      if (Array.isArray(copy)) copy.splice(Number(head), 1);
      else delete copy[head];
    } else copy[head] = replacement;
    return copy;
  }
  copy[head] = withValue(copy[head], rest, replacement);
  return copy;
}

/** A near-valid body: the seed with one field replaced by a nasty value, removed, or one key added. */
export function nearValid(seed: unknown): fc.Arbitrary<unknown> {
  const paths = leafPaths(seed).filter((p) => p.length > 0);
  if (paths.length === 0) return nastyValue.map((x) => ({ x }));
  return fc.oneof(
    fc.tuple(fc.constantFrom(...paths), nastyValue).map(([p, x]) => withValue(seed, p, x)),
    fc.constantFrom(...paths).map((p) => withValue(seed, p, REMOVE)),
    fc.tuple(nastyString, nastyValue).map(([k, x]) => (seed && typeof seed === 'object' && !Array.isArray(seed) ? { ...(seed as object), [k]: x } : x)),
  );
}

/** A minimal value satisfying a JSON schema (from the OpenAPI document), for routes without a seed. */
export function sampleOf(schema: any, village: string): unknown {
  if (!schema || typeof schema !== 'object') return null;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  for (const k of ['anyOf', 'oneOf', 'allOf']) if (Array.isArray(schema[k]) && schema[k].length) return sampleOf(schema[k][0], village);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(schema.properties ?? {})) if ((schema.required ?? []).includes(k)) out[k] = sampleOf(s, village);
      return out;
    }
    case 'array':
      return schema.minItems ? [sampleOf(schema.items, village)] : [];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      if (schema.pattern && String(schema.pattern).includes('12')) return village;
      if (schema.format === 'date') return '2026-06-01';
      if (schema.format === 'date-time') return '2026-06-01T10:00:00+08:00';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    default:
      return null;
  }
}
