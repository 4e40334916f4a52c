// A module of its own because the rule context carries it and uninstall-products.ts,
// which fills it, needs finding.ts, which takes the context: declared beside the code
// that fills it, it closed an import cycle context → uninstall-products → finding → context.

/** Entries added to the office and antivirus lists: their place there → their place in `software`. */
export interface FromUninstall {
  office: ReadonlyMap<number, number>;
  antivirus: ReadonlyMap<number, number>;
}
