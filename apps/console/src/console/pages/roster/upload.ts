// Multipart upload with progress (fetch reports none): the same session cookie, header and Chinese errors as shared/api.
import { ApiError, CONSOLE_HEADERS } from '../../../shared/api';

export function uploadWithProgress<T>(path: string, form: FormData, onProgress: (percent: number) => void): Promise<{ status: number; body: T }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    for (const [name, value] of Object.entries(CONSOLE_HEADERS)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onerror = () => reject(new ApiError(0, '网络错误，上传失败', null));
    xhr.onload = () => {
      let body: unknown = xhr.responseText;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        /* not JSON */
      }
      if (xhr.status === 401) window.dispatchEvent(new Event('lw:unauthorized'));
      resolve({ status: xhr.status, body: body as T });
    };
    xhr.send(form);
  });
}
