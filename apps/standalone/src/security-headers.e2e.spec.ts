import { Client } from 'pg';
import { PgIdentityStore } from '@lw/auth';
import { TEST_PG_URL, waitFor } from '@lw/testing';
import { SERVICES } from '@lw/runtime';
import { buildConsole } from './console-build';
import { startHarness, type TiplineHarness } from './test-harness';

// What a browser is told about every answer of the embedded product (issue 14, M4), and what the
// public health and readiness endpoints may say when a dependency fails (L3).
describe('browser security headers and public probes (embedded product, HTTP)', () => {
  let h: TiplineHarness;

  beforeAll(async () => {
    // The pages are served only once built (as `npm start` and the browser tests do).
    await buildConsole();
    h = await startHarness();
    expect(h.s.console).toBe(true);
  }, 360_000);

  afterAll(async () => {
    await h?.stop();
  });

  const directives = (csp: string | null) =>
    new Map((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map((d) => [d[0], d.slice(1)] as const));

  it.each(['/console/', '/console/tips/some-id', '/tip/'])('serves %s with a strict CSP, no framing, no sniffing, no referrer and HSTS', async (path) => {
    const res = await h.call('GET', path);
    expect(res.status).toBe(200);
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    // Scripts from our origin and the page's own inline script by hash: never any inline script, never eval.
    const scripts = csp.get('script-src') ?? [];
    expect(scripts).toContain("'self'");
    expect(scripts.filter((s) => s !== "'self'").every((s) => /^'sha256-[A-Za-z0-9+/]+=*'$/.test(s))).toBe(true);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('admits by hash exactly the inline scripts the public page contains', async () => {
    const res = await h.call('GET', '/tip/');
    const html = res.raw;
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)];
    expect(inline.length).toBeGreaterThan(0);
    const scripts = directives(res.headers.get('content-security-policy')).get('script-src') ?? [];
    const { createHash } = await import('crypto');
    for (const m of inline) expect(scripts).toContain(`'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
  });

  it('keeps hashed assets cacheable', async () => {
    const html = (await h.call('GET', '/tip/')).raw;
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const res = await h.call('GET', asset);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/max-age=31536000/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('marks every API answer no-store, with a CSP that lets nothing run, whatever its status', async () => {
    const discipline = await h.login('discipline');
    const village = h.s.accounts.find((a) => a.username === 'liaison')!.node;
    const sent = await h.call('POST', '/tipline/public/tips', {
      json: {
        category: 'collective_funds',
        subjects: [{ kind: 'person', name: '王某', post: '村委会委员', villageCode: village }],
        text: '村委会委员王某挪用集体土地补偿款。',
        anonymous: false,
        reporter: { name: '缓存测', phone: '13912345670', idNumber: null, contact: null },
      },
    });
    expect(sent.status).toBe(201);
    // The inbox is a projection: the tip shows up in it shortly.
    let list = await h.call('GET', '/tipline/tips', { token: discipline });
    await waitFor(async () => (list = await h.call('GET', '/tipline/tips', { token: discipline })).body.rows?.length > 0, 10_000, 'the tip in the inbox');
    const tipId = list.body.rows[0].tipId as string;
    // The decrypted identity, after a second official approved the request.
    const identity = new PgIdentityStore(h.db.pool('auth', 1));
    const node = h.s.accounts.find((a) => a.username === 'discipline')!.node;
    await identity.createUser({ username: 'discipline_2', displayName: '县纪委监委（审批）', password: h.s.demoPassword, roles: ['discipline'], node });
    const asked = await h.call('POST', `/tipline/tips/${tipId}/reporter/requests`, { token: discipline, json: { reason: '核实需要联系举报人' } });
    expect(asked.status).toBe(201);
    const approved = await h.call('POST', `/tipline/tips/${tipId}/reporter/requests/${asked.body.requestId}/approve`, { token: await h.login('discipline_2'), json: {} });
    expect(approved.status).toBe(200);
    const reveal = await h.call('POST', `/tipline/tips/${tipId}/reporter`, { token: discipline, json: { requestId: asked.body.requestId } });
    expect(reveal.status).toBe(200);
    expect(reveal.body).toMatchObject({ name: '缓存测' });
    const answers = [
      sent,
      list,
      await h.call('POST', '/tipline/public/receipts/lookup', { json: { code: sent.body.receiptCode } }),
      await h.call('POST', '/tipline/public/receipts/lookup', { json: { code: 'AAAA-BBBB-CCCC-DDDD' } }),
      asked,
      approved,
      reveal,
      await h.call('GET', `/tipline/tips/${tipId}`, { token: discipline }).then((r) => (expect(r.status).toBe(200), r)),
      await h.call('GET', '/tipline/tips'),
      await h.call('POST', '/auth/login', { json: { username: 'nobody', password: 'wrong-password-1' } }),
      await h.call('GET', '/auth/me', { token: discipline }),
      ...(await Promise.all(SERVICES.map((s) => h.call('GET', `/${s}/health`)))),
      await h.call('GET', '/no/such/route'),
    ];
    for (const a of answers) {
      expect({ status: a.status, cache: a.headers.get('cache-control') }).toEqual({ status: a.status, cache: 'no-store' });
      expect(directives(a.headers.get('content-security-policy')).get('default-src')).toEqual(["'none'"]);
      expect(directives(a.headers.get('content-security-policy')).get('frame-ancestors')).toEqual(["'none'"]);
      expect(a.headers.get('x-content-type-options')).toBe('nosniff');
      expect(a.headers.get('x-frame-options')).toBe('DENY');
      expect(a.headers.get('x-powered-by')).toBeNull();
    }
  });

  describe('when the database refuses connections', () => {
    let admin: Client;
    beforeAll(async () => {
      admin = new Client({ connectionString: TEST_PG_URL });
      await admin.connect();
      await admin.query(`ALTER DATABASE ${h.db.name} ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [h.db.name]);
    });
    afterAll(async () => {
      await admin.query(`ALTER DATABASE ${h.db.name} ALLOW_CONNECTIONS true`);
      await admin.end();
    });

    it.each(SERVICES)('%s: /health and /ready answer 503 naming the dependency, with no driver message (that goes to the log)', async (service) => {
      const logsBefore = h.logs.length;
      for (const path of ['health', 'ready']) {
        const res = await h.call('GET', `/${service}/${path}`);
        expect(res.status).toBe(503);
        expect(res.body.checks.database).toEqual({ ok: false });
        expect(res.raw).not.toContain(h.db.name);
        expect(res.raw).not.toMatch(/error|accepting|connect|postgres|127\.0\.0\.1/i);
      }
      expect(h.logs.slice(logsBefore).some((l) => l.includes('not currently accepting connections') && l.includes('check failed'))).toBe(true);
    });
  });
});
