/** One HTTP answer as a test reads it: the status, the body parsed (its text when not JSON), the raw text and headers. */
export interface HttpAnswer {
  status: number;
  body: any;
  raw: string;
  headers: Headers;
}

export interface HttpCallOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Sent as JSON; otherwise `form` as multipart. */
  json?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
}

/**
 * The product's HTTP API as its users reach it, for specs, the scenario and the fault tests.
 * `base` is one URL, or picks one per path (in distributed mode each service prefix has its own).
 */
export class HttpClient {
  constructor(private readonly base: string | ((path: string) => string)) {}

  async call(method: string, path: string, opts: HttpCallOptions = {}): Promise<HttpAnswer> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | FormData | undefined;
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    } else if (opts.form) body = opts.form;
    const base = typeof this.base === 'string' ? this.base : this.base(path);
    const res = await fetch(`${base}${path}`, { method, headers, body });
    const raw = await res.text();
    let parsed: unknown = raw;
    try {
      parsed = JSON.parse(raw);
    } catch {
      /* not JSON: the text, for the assertion or the error message */
    }
    return { status: res.status, body: parsed, raw, headers: res.headers };
  }

  /** A call that must succeed (2xx); anything else throws naming the call and the answer. */
  async ok(method: string, path: string, opts: HttpCallOptions = {}): Promise<any> {
    const r = await this.call(method, path, opts);
    if (r.status < 200 || r.status > 299) throw new Error(`${method} ${path} → ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }
}
