// A GET the page shows: loads when the path or query changes or on reload(), keeps the previous
// answer while the next one loads (tables do not flicker), and the last request asked wins.
import { useCallback, useEffect, useState } from 'react';
import { api, withQuery, type RequestOptions } from './api';

export interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload(): void;
}

export function useApi<T>(path: string | null, query?: RequestOptions['query']): Loaded<T> {
  const url = path === null ? null : withQuery(path, query);
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<{ done: string | null; data: T | undefined; error: string | null }>({ done: null, data: undefined, error: null });
  useEffect(() => {
    if (url === null) return;
    let live = true;
    const done = `${tick}:${url}`;
    api<T>(url).then(
      (data) => live && setState({ done, data, error: null }),
      (err: Error) => live && setState((s) => ({ done, data: s.data, error: err.message })),
    );
    return () => {
      live = false;
    };
  }, [url, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: url !== null && state.done !== `${tick}:${url}`, reload };
}
