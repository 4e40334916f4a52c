import { useEffect, useState } from 'preact/hooks';
import { queryString, type Query } from './api/client';

// Hash routes (`#/units/12`, `#/machines?status=unauthorized`): the collector serves one
// index.html, and a link can be copied into a notice or a chat as it is.

export interface Route {
  /** `['machines', 'ag_…']` for `#/machines/ag_…`. */
  path: string[];
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const pathPart = q < 0 ? raw : raw.slice(0, q);
  return {
    path: pathPart.split('/').filter(Boolean).map((p) => decodeURIComponent(p)),
    query: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)),
  };
}

export function href(path: readonly (string | number)[], query: Query = {}): string {
  return `#/${path.map((p) => encodeURIComponent(String(p))).join('/')}${queryString(query)}`;
}

export function navigate(path: readonly (string | number)[], query: Query = {}): void {
  location.hash = href(path, query);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
