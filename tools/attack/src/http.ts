import { HttpClient, type HttpAnswer, type HttpCallOptions } from '@lw/testing';

export type Answer = HttpAnswer;
export type CallOptions = HttpCallOptions;

/** Attack calls are bounded: a request still open after this long is reported as a hang. */
const BOUND_MS = 10_000;

export const call = (baseUrl: string, method: string, path: string, opts: CallOptions = {}): Promise<Answer> =>
  new HttpClient(baseUrl).call(method, path, { timeoutMs: BOUND_MS, ...opts });

/** A call that must succeed (2xx); anything else throws naming the call and the answer. */
export const ok = (baseUrl: string, method: string, path: string, opts: CallOptions = {}): Promise<any> =>
  new HttpClient(baseUrl).ok(method, path, { timeoutMs: BOUND_MS, ...opts });
