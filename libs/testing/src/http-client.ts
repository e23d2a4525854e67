import { request } from 'http';
import { gunzipSync, inflateSync } from 'zlib';
import { eventually } from './wait';

/**
 * One HTTP answer as a test reads it: the status, the body parsed (its text when not JSON), the raw
 * text, the bytes (downloads: docx, xlsx, evidence) and headers.
 */
export interface HttpAnswer {
  status: number;
  body: any;
  raw: string;
  bytes: Buffer;
  headers: Headers;
  /** True when `timeoutMs` elapsed before the answer came: a hang (then status is 0). */
  timedOut: boolean;
}

export interface HttpCallOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Sent as JSON; otherwise `raw` as is, or `form` as multipart. */
  json?: unknown;
  /** A body sent as is (already serialised JSON, or anything else), with its content type. */
  raw?: { body: string | Buffer; contentType: string };
  form?: FormData;
  headers?: Record<string, string>;
  /** Bound on the whole exchange; a request still open then answers `timedOut` instead of hanging the test. */
  timeoutMs?: number;
  /** Source address of the client socket (loopback only: 127.0.0.2 …), so a test knows the caller's IP. */
  localAddress?: string;
}

/**
 * The product's HTTP API as its users reach it, for specs, the scenario, the fault and attack tests.
 * `base` is one URL, or picks one per path (in distributed mode each service prefix has its own).
 * Node's own client rather than fetch: it can bind the source address and never retries; like a
 * browser (and fetch) it asks for gzip or deflate and reads the answer decompressed.
 */
export class HttpClient {
  constructor(private readonly base: string | ((path: string) => string)) {}

  async call(method: string, path: string, opts: HttpCallOptions = {}): Promise<HttpAnswer> {
    const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate', ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const body = await encodeBody(opts, headers);
    if (body) headers['content-length'] = String(body.length);
    const url = new URL(`${typeof this.base === 'string' ? this.base : this.base(path)}${path}`);
    const signal = opts.timeoutMs === undefined ? undefined : AbortSignal.timeout(opts.timeoutMs);
    return new Promise<HttpAnswer>((resolve, reject) => {
      const failed = (err: Error) => {
        if (err.name === 'AbortError' || err.name === 'TimeoutError') resolve(answer(0, new Headers(), Buffer.alloc(0), true));
        else reject(err);
      };
      const req = request(url, { method, headers, localAddress: opts.localAddress, agent: false, signal }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', failed);
        res.on('end', () => {
          const received = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            for (const v of [value ?? []].flat()) received.append(name, v);
          }
          resolve(answer(res.statusCode ?? 0, received, decoded(Buffer.concat(chunks), received.get('content-encoding')), false));
        });
      });
      req.on('error', failed);
      req.end(body);
    });
  }

  /** A call that must succeed (2xx); anything else throws naming the call and the answer. */
  async ok(method: string, path: string, opts: HttpCallOptions = {}): Promise<any> {
    const r = await this.call(method, path, opts);
    if (r.status < 200 || r.status > 299) throw new Error(`${method} ${path} → ${r.timedOut ? 'no answer (timed out)' : r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }
}

/** Until `<base>/<service>/health` answers 200: a service process has come up (refused connections are "not yet"). */
export async function untilHealthy(base: string, service: string, timeoutMs = 60_000, what = `${service} healthy`): Promise<void> {
  await eventually(what, async () => (await new HttpClient(base).call('GET', `/${service}/health`)).status === 200, timeoutMs);
}

async function encodeBody(opts: HttpCallOptions, headers: Record<string, string>): Promise<Buffer | undefined> {
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    return Buffer.from(JSON.stringify(opts.json));
  }
  if (opts.raw) {
    headers['content-type'] = opts.raw.contentType;
    return Buffer.isBuffer(opts.raw.body) ? opts.raw.body : Buffer.from(opts.raw.body);
  }
  if (opts.form) {
    // Let the platform serialise the multipart body (boundary included), then send the bytes.
    const encoded = new Response(opts.form);
    headers['content-type'] = encoded.headers.get('content-type')!;
    return Buffer.from(await encoded.arrayBuffer());
  }
  return undefined;
}

function decoded(bytes: Buffer, encoding: string | null): Buffer {
  if (bytes.length === 0) return bytes; // HEAD, 204, 304: no body to decompress
  if (encoding === 'gzip') return gunzipSync(bytes);
  if (encoding === 'deflate') return inflateSync(bytes);
  return bytes;
}

function answer(status: number, headers: Headers, bytes: Buffer, timedOut: boolean): HttpAnswer {
  const raw = bytes.toString('utf8');
  let body: unknown = timedOut ? undefined : raw;
  try {
    body = JSON.parse(raw);
  } catch {
    /* not JSON: the text, for the assertion or the error message */
  }
  return { status, body, raw, bytes, headers, timedOut };
}
