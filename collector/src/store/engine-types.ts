// Filled in with the verdict engine.
export interface EngineTx {
  readonly placeholder?: never;
}

export interface EngineStore {
  /** Runs fn in one transaction over the engine's tables. */
  run<T>(fn: (tx: EngineTx) => T): Promise<T>;
}
