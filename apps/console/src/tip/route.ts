// Hash routing inside /tip/ (the host serves /tip/* with the same page; a hash keeps the routes
// out of server logs, and nothing secret ever goes in it: the receipt code travels in POST bodies).
import { useEffect, useState } from 'react';

export type TipRoute = '/' | '/report' | '/status' | '/notices';
const ROUTES: TipRoute[] = ['/', '/report', '/status', '/notices'];

function current(): TipRoute {
  const h = window.location.hash.replace(/^#/, '') || '/';
  return (ROUTES as string[]).includes(h) ? (h as TipRoute) : '/';
}

export function useHashRoute(): [TipRoute, (to: TipRoute) => void] {
  const [route, setRoute] = useState<TipRoute>(current);
  useEffect(() => {
    const on = () => {
      setRoute(current());
      window.scrollTo(0, 0);
    };
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return [route, (to) => (window.location.hash = to)];
}

/** A candidate under notice the reporter objects to: prefills the form. */
export interface ObjectionDraft {
  name: string;
  post: string | null;
  villageCode: string;
  villageName: string;
  townshipName: string | null;
  endsOn: string;
}
