// A module of its own because os-release.parse.ts builds the OS from os-identity.ts and
// os-activation.ts, which read these pairs: declared in the parser it closed an import
// cycle with both.

/** os-release's key/value pairs, as parseOsRelease (os-release.parse.ts) reads them. */
export type OsRelease = Readonly<Record<string, string>>;
