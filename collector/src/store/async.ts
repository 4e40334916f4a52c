/**
 * A repository as a service sees it, whatever the store: every method answers a
 * promise. The SQLite repos are synchronous (better-sqlite3); a PostgreSQL repo is
 * async by nature. Services and the engine are written against this shape only.
 */
export type Async<T> = {
  [K in keyof T as T[K] extends (...args: never[]) => unknown ? K : never]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

/** Every method name of an object and its prototypes, but the constructor's. */
function methodNames(o: object): string[] {
  const names = new Set<string>();
  for (let p: object | null = o; p && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    for (const name of Object.getOwnPropertyNames(p)) {
      if (name !== 'constructor' && typeof (o as Record<string, unknown>)[name] === 'function') names.add(name);
    }
  }
  return [...names];
}

/**
 * A synchronous repo behind the async shape. A throw becomes a rejection, as it would
 * from a real async repo. The method is looked up at each call, not bound once, so that
 * a test's spy on the repo's prototype sees the calls.
 */
export function asyncView<T extends object>(repo: T): Async<T> {
  const methods = repo as Record<string, (...args: unknown[]) => unknown>;
  const view: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const name of methodNames(repo)) {
    view[name] = (...args) => {
      try {
        return Promise.resolve(methods[name]!(...args));
      } catch (err) {
        return Promise.reject(err);
      }
    };
  }
  return view as Async<T>;
}
