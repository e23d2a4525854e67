import { request } from 'http';

/** What an attack call sent and got: enough to name it in a failure and to reproduce it. */
export interface Answer {
  status: number;
  body: any;
  raw: Buffer;
  headers: Record<string, string | string[] | undefined>;
  /** True when the bound elapsed before the answer came: a hang. */
  timedOut: boolean;
}

export interface CallOptions {
  token?: string;
  json?: unknown;
  /** A body sent as is (already serialised JSON, or anything else), with its content type. */
  raw?: { body: string | Buffer; contentType: string };
  form?: FormData;
  /** Source address of the client socket (loopback only: 127.0.0.2, 127.0.0.3 …). */
  localAddress?: string;
  headers?: Record<string, string>;
  /** Bound on the whole exchange; a request still open then is a hang. */
  timeoutMs?: number;
}

/**
 * HTTP over node's own client rather than fetch: it can bind the socket to a chosen loopback
 * address (so a test knows which source IP a request came from) and it never retries.
 */
export async function call(baseUrl: string, method: string, path: string, opts: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: Buffer | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = Buffer.from(JSON.stringify(opts.json));
  } else if (opts.raw) {
    headers['content-type'] = opts.raw.contentType;
    body = Buffer.isBuffer(opts.raw.body) ? opts.raw.body : Buffer.from(opts.raw.body);
  } else if (opts.form) {
    // Let the platform serialise the multipart body (boundary included), then send the bytes.
    const encoded = new Response(opts.form);
    headers['content-type'] = encoded.headers.get('content-type')!;
    body = Buffer.from(await encoded.arrayBuffer());
  }
  if (body) headers['content-length'] = String(body.length);
  const url = new URL(path, baseUrl);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return new Promise<Answer>((resolve, reject) => {
    const req = request(
      url,
      { method, headers, localAddress: opts.localAddress, agent: false, signal: AbortSignal.timeout(timeoutMs) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => settleError(err));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          let parsed: unknown = raw.toString('utf8');
          try {
            parsed = JSON.parse(raw.toString('utf8'));
          } catch {
            /* not JSON */
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, raw, headers: res.headers, timedOut: false });
        });
      },
    );
    const settleError = (err: Error) => {
      if (err.name === 'AbortError' || err.name === 'TimeoutError') resolve({ status: 0, body: undefined, raw: Buffer.alloc(0), headers: {}, timedOut: true });
      else reject(err);
    };
    req.on('error', settleError);
    req.end(body);
  });
}

/** A call that must succeed (2xx); anything else throws naming the call and the answer. */
export async function ok(baseUrl: string, method: string, path: string, opts: CallOptions = {}): Promise<any> {
  const r = await call(baseUrl, method, path, opts);
  if (r.status < 200 || r.status > 299) throw new Error(`${method} ${path} → ${r.timedOut ? 'no answer (timed out)' : r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}
