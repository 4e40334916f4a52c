import { useEffect, useState } from 'preact/hooks';

/** A value the whole app reads (the language, the session): components re-render when it changes. */
export interface Shared<T> {
  get(): T;
  set(value: T): void;
  use(): T;
}

export function shared<T>(initial: T): Shared<T> {
  let value = initial;
  const listeners = new Set<(v: T) => void>();
  return {
    get: () => value,
    set(next) {
      value = next;
      for (const l of listeners) l(next);
    },
    use() {
      const [v, set] = useState(value);
      useEffect(() => {
        listeners.add(set);
        // The value may have changed between the render and this effect.
        set(value);
        return () => void listeners.delete(set);
      }, []);
      return v;
    },
  };
}
