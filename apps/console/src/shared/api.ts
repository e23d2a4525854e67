// The one way the browser talks to the services: same origin, JSON, the session in an HttpOnly
// cookie the page never sees (so a script injected anywhere on the origin cannot take it), and the
// server's Chinese message surfaced as the error text a clerk reads.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

/**
 * Sent on every console request: the server refuses a state change made with the session cookie
 * without it, which a cross-site form or link cannot add (CSRF).
 */
export const CONSOLE_HEADERS: Readonly<Record<string, string>> = { 'x-lw-csrf': '1' };

/** Logged-in requests carry the cookie; public pages send none (credentials 'omit'). */
export function credentialsFor(anonymous?: boolean): RequestCredentials {
  return anonymous ? 'omit' : 'same-origin';
}

/** Nest answers { statusCode, message } where message may be a string or a list. */
function messageOf(status: number, body: unknown): string {
  const m = (body as { message?: unknown } | null)?.message;
  if (Array.isArray(m)) return m.join('；');
  if (typeof m === 'string' && m) return m;
  if (status === 401) return '登录已失效，请重新登录';
  if (status === 403) return '无权访问';
  if (status === 404) return '未找到';
  return `请求失败（${status}）`;
}

export interface RequestOptions {
  method?: string;
  json?: unknown;
  form?: FormData;
  query?: Record<string, string | number | boolean | undefined | null>;
  /** Public pages send no session cookie. */
  anonymous?: boolean;
}

export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = opts.anonymous ? {} : { ...CONSOLE_HEADERS };
  let body: BodyInit | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.form) body = opts.form;
  const res = await fetch(withQuery(path, opts.query), {
    method: opts.method ?? (body ? 'POST' : 'GET'),
    headers,
    body,
    credentials: credentialsFor(opts.anonymous),
  });
  if (res.status === 401 && !opts.anonymous) window.dispatchEvent(new Event('lw:unauthorized'));
  return res;
}

export async function api<T = any>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(path, opts);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  if (!res.ok) throw new ApiError(res.status, messageOf(res.status, body), body);
  return body as T;
}

/** Downloads a file answer (xlsx, docx) under the server's or the given name. */
export async function download(path: string, fallbackName: string, opts: RequestOptions = {}): Promise<void> {
  const res = await send(path, opts);
  if (!res.ok) {
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    throw new ApiError(res.status, messageOf(res.status, body), body);
  }
  saveBlob(await res.blob(), fileNameOf(res) ?? fallbackName);
}

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fileNameOf(res: Response): string | null {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain ? plain[1] : null;
}
