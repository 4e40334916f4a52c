import type { App } from '../../src/app.js';

/**
 * Every route the app registered, as `METHOD /path` (`GET /api/v1/units/:id`).
 *
 * buildApp registers all routes before it returns, so an onRoute hook cannot be added
 * from outside in time; the router's own listing is read instead. `printRoutes` draws
 * the radix tree: each line is a path fragment under its parent line (four characters of
 * indentation per level), with the methods of a route in parentheses. (The drawing with
 * `commonPrefix: false` is shorter but loses the `static/` of `/docs/static/*`.) Fragments are
 * joined along the path from the root; each result is then checked against the router
 * with `hasRoute`, so a change in the drawing fails loudly instead of losing routes.
 */
export function registeredRoutes(app: App): string[] {
  const fragments: string[] = [];
  const routes: string[] = [];
  for (const line of app.printRoutes().split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    fragments.length = depth;
    fragments.push(m[2]!);
    const path = fragments.join('');
    for (const method of m[3]?.split(', ') ?? []) routes.push(`${method} ${path}`);
  }
  for (const route of routes) {
    const [method, url] = route.split(' ') as [string, string];
    if (!app.hasRoute({ method, url })) throw new Error(`read ${route} from printRoutes, but the router has no such route`);
  }
  return [...new Set(routes)].sort();
}

/** `/api/v1/units/:id` as OpenAPI writes it: `/api/v1/units/{id}`. */
export const openApiPath = (path: string): string => path.replace(/:(\w+)/g, '{$1}');
