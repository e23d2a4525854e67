import { createServer, type Server } from 'http';
import { AddressInfo } from 'net';
import { gzipSync } from 'zlib';
import { HttpClient } from './http-client';

// The kit's client against a local server: what it sends, and how it reads bytes, compressed answers, hangs and the source address.
describe('HttpClient', () => {
  let server: Server;
  let http: HttpClient;
  const seen: { method?: string; type?: string; body?: Buffer; from?: string; auth?: string } = {};

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        Object.assign(seen, { method: req.method, type: req.headers['content-type'], body: Buffer.concat(chunks), from: req.socket.remoteAddress, auth: req.headers.authorization });
        if (req.url === '/hang') return; // never answers
        if (req.url === '/zipped') {
          res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
          return res.end(gzipSync(JSON.stringify({ zipped: true })));
        }
        if (req.url === '/bytes') return res.end(Buffer.from([0, 1, 2, 255]));
        res.writeHead(201, { 'content-type': 'application/json', 'x-echo': 'yes' });
        res.end(JSON.stringify({ ok: true }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    http = new HttpClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends JSON with the token and reads the answer parsed, as text and with its headers', async () => {
    const r = await http.call('POST', '/x', { token: 't1', json: { a: 1 } });
    expect([r.status, r.body, r.raw, r.headers.get('x-echo'), r.timedOut]).toEqual([201, { ok: true }, '{"ok":true}', 'yes', false]);
    expect([seen.method, seen.type, seen.body!.toString(), seen.auth]).toEqual(['POST', 'application/json', '{"a":1}', 'Bearer t1']);
  });

  it('sends raw bytes and multipart forms', async () => {
    await http.call('PUT', '/x', { raw: { body: Buffer.from([9, 8, 7]), contentType: 'application/octet-stream' } });
    expect([seen.type, [...seen.body!]]).toEqual(['application/octet-stream', [9, 8, 7]]);
    const form = new FormData();
    form.set('f', 'v');
    await http.call('POST', '/x', { form });
    expect(seen.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen.body!.toString()).toContain('name="f"');
  });

  it('returns the bytes of a download, and decompresses a compressed answer', async () => {
    expect([...(await http.call('GET', '/bytes')).bytes]).toEqual([0, 1, 2, 255]);
    expect(await http.ok('GET', '/zipped')).toEqual({ zipped: true });
  });

  it('reports a request still open after its bound as timed out', async () => {
    const r = await http.call('GET', '/hang', { timeoutMs: 200 });
    expect([r.status, r.timedOut]).toEqual([0, true]);
    await expect(http.ok('GET', '/hang', { timeoutMs: 200 })).rejects.toThrow('GET /hang → no answer (timed out)');
  });

  it('binds the chosen source address', async () => {
    await http.call('GET', '/x', { localAddress: '127.0.0.2' });
    expect(seen.from).toBe('127.0.0.2');
  });
});
