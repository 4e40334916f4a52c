// TEMPORARY, removed at integration: lets the store compile while its parts are written.
export function notYet<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get: (_t, prop) => async () => {
      throw new Error(`${name}.${String(prop)} is not implemented yet`);
    },
  });
}
