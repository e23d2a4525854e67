/** What the scenario needs from one HTTP answer: the status and the parsed body (text when not JSON). */
export interface Answer {
  status: number;
  body: any;
}

export interface CallOptions {
  token?: string;
  json?: unknown;
  form?: FormData;
}

/**
 * The services as their users reach them: one base URL per service prefix. In embedded mode all four
 * are the same URL; in distributed mode each is its own process (an ingress would route by prefix).
 */
export interface ServiceUrls {
  vetting: string;
  tipline: string;
  auditing: string;
  grievance: string;
}

export type Service = keyof ServiceUrls;

export class ScenarioClient {
  constructor(readonly urls: ServiceUrls) {}

  /** `path` starts with the service prefix (`/vetting/…`), which also picks the base URL. */
  async call(method: string, path: string, opts: CallOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | FormData | undefined;
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    } else if (opts.form) body = opts.form;
    const res = await fetch(`${this.baseFor(path)}${path}`, { method, headers, body });
    const raw = await res.text();
    let parsed: unknown = raw;
    try {
      parsed = JSON.parse(raw);
    } catch {
      /* not JSON: keep the text for the error message */
    }
    return { status: res.status, body: parsed };
  }

  /** A call that must succeed (2xx); anything else stops the scenario naming the call and the answer. */
  async ok(method: string, path: string, opts: CallOptions = {}): Promise<any> {
    const r = await this.call(method, path, opts);
    if (r.status < 200 || r.status > 299) throw new Error(`${method} ${path} → ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  private baseFor(path: string): string {
    const service = path.split('/')[1] as Service;
    // Platform endpoints (/auth, /hierarchy) are served by every host; vetting's will do.
    return this.urls[service] ?? this.urls.vetting;
  }
}

/**
 * Waits for an effect another service produces asynchronously (an event over the bus). The deadline
 * bounds the wait; it is not a timing assertion: a slow run passes, a missing effect fails naming it.
 */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (let attempt = 0; ; attempt++) {
    try {
      const v = await probe();
      if (v !== undefined && v !== null && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** Math.min(attempt, 3), 500)));
  }
}
