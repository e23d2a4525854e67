import { ApiError, CONSOLE_HEADERS, saveBlob, withQuery, type RequestOptions } from '../../../shared/api';

/**
 * Downloads a file answer while reporting how much has arrived (fraction 0…1 when the server sends
 * a length, null otherwise), then saves it under the server's name.
 */
export async function downloadWithProgress(path: string, fallbackName: string, query: RequestOptions['query'], onProgress: (received: number, fraction: number | null) => void): Promise<void> {
  const res = await fetch(withQuery(path, query), { headers: { ...CONSOLE_HEADERS }, credentials: 'same-origin' });
  if (!res.ok) {
    const text = await res.text();
    let message = `导出失败（${res.status}）`;
    try {
      const m = (JSON.parse(text) as { message?: unknown }).message;
      message = Array.isArray(m) ? m.join('；') : typeof m === 'string' && m ? m : message;
    } catch {
      /* not JSON */
    }
    if (res.status === 401) window.dispatchEvent(new Event('lw:unauthorized'));
    throw new ApiError(res.status, message, text);
  }
  const length = Number(res.headers.get('content-length')) || 0;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  onProgress(0, length ? 0 : null);
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value as Uint8Array<ArrayBuffer>);
      received += value.byteLength;
      onProgress(received, length ? Math.min(1, received / length) : null);
    }
  } else {
    const buf = new Uint8Array(await res.arrayBuffer());
    chunks.push(buf);
    received = buf.byteLength;
  }
  onProgress(received, 1);
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  const name = star ? decodeURIComponent(star[1]) : fallbackName;
  saveBlob(new Blob(chunks, { type: res.headers.get('content-type') ?? 'application/octet-stream' }), name);
}
