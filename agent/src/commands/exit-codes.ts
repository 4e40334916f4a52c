/**
 * Exit codes, stable for scripts and installers. Kept free of imports so the CLI can
 * map an error without loading the shared package (startup time of `scan`).
 */
export const EXIT = {
  ok: 0,
  other: 1,
  /** Usage, config, enrollment or local setup (key file, CA file, URL). */
  usage: 2,
  /** The collector could not be reached; a report was spooled. */
  unreachable: 3,
  /** The collector refused (4xx). */
  rejected: 4,
  /** The collector's TLS certificate is not trusted (a report was spooled). */
  untrusted: 5,
} as const;

const BY_CODE: Record<string, number> = {
  E_CONFIG: EXIT.usage,
  E_USAGE: EXIT.usage,
  E_NOT_ENROLLED: EXIT.usage,
  E_ALREADY_ENROLLED: EXIT.usage,
  E_BAD_URL: EXIT.usage,
  E_CA_FILE: EXIT.usage,
  E_KEY_PERMISSIONS: EXIT.usage,
  E_KEY_FILE: EXIT.usage,
  /** `scan --from DIR`: the folder is missing, unreadable or holds no recognisable recording. */
  E_RECORDED_INPUT: EXIT.usage,
  /** Offline: a token file, bundle or enrollment file that cannot be used. */
  E_OFFLINE_FILE: EXIT.usage,
  E_TOKEN_EXPIRED: EXIT.usage,
  E_BUNDLE_DAMAGED: EXIT.usage,
  E_BUNDLE_FORMAT: EXIT.usage,
  /** `inspect`: no kit, a damaged kit.json, a missing or foreign key or judge, or a results folder it cannot write. */
  E_KIT: EXIT.usage,
  E_RESULTS_FOLDER: EXIT.usage,
  E_UNREACHABLE: EXIT.unreachable,
  E_REJECTED: EXIT.rejected,
  E_TLS_UNTRUSTED: EXIT.untrusted,
};

export function exitCodeFor(err: unknown): number {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? (BY_CODE[code] ?? EXIT.other) : EXIT.other;
}
