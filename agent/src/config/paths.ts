import { posix, win32 } from 'node:path';

/** What the default locations depend on; passed in so every OS is testable on one CI. */
export interface PathEnv {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** null where there is no uid (Windows). */
  uid: number | null;
  homedir: string;
}

export interface DefaultPaths {
  configFile: string;
  stateDir: string;
}

/**
 * Default config file and state folder per OS:
 * - Linux/other POSIX, root: /etc/zhengban/agent.json, state /var/lib/zhengban
 * - Linux/other POSIX, user: $XDG_CONFIG_HOME/zhengban/agent.json (~/.config),
 *   state $XDG_STATE_HOME/zhengban (~/.local/state)
 * - Windows: %ProgramData%\zhengban\agent.json, state in the same folder
 * - macOS, root: /Library/Application Support/zhengban/agent.json, state in the same
 *   folder; a non-root user gets the same layout under ~/Library so a trial run needs
 *   no sudo.
 */
export function defaultPaths(p: PathEnv): DefaultPaths {
  if (p.platform === 'win32') {
    const base = win32.join(p.env.ProgramData ?? p.env.PROGRAMDATA ?? 'C:\\ProgramData', 'zhengban');
    return { configFile: win32.join(base, 'agent.json'), stateDir: base };
  }
  const root = p.uid === 0;
  if (p.platform === 'darwin') {
    const base = posix.join(root ? '/' : p.homedir, 'Library', 'Application Support', 'zhengban');
    return { configFile: posix.join(base, 'agent.json'), stateDir: base };
  }
  if (root) return { configFile: '/etc/zhengban/agent.json', stateDir: '/var/lib/zhengban' };
  // The XDG spec says relative values are invalid and must be ignored.
  const xdg = (name: string, fallback: string): string => {
    const v = p.env[name];
    return v && posix.isAbsolute(v) ? v : posix.join(p.homedir, fallback);
  };
  return {
    configFile: posix.join(xdg('XDG_CONFIG_HOME', '.config'), 'zhengban', 'agent.json'),
    stateDir: posix.join(xdg('XDG_STATE_HOME', '.local/state'), 'zhengban'),
  };
}

/** Where the config file is and where state goes when the config does not say. */
export interface ConfigLocation {
  configFile: string;
  stateDir: string;
  /** How the file was chosen, for `status`. */
  source: 'flag' | 'env' | 'checkout' | 'default';
}

/** Where `npm start` keeps the agent it enrolls, relative to the source checkout. */
export const CHECKOUT_AGENT_CONFIG = ['data', 'agent', 'agent.json'] as const;

/**
 * `--config` wins over ZHENGBAN_AGENT_CONFIG, which wins over the OS default. An
 * explicitly chosen file keeps its state beside it, so two agents with two config
 * files (tests, a trial next to a production install) never share a key or a seq.
 *
 * `checkoutConfig` is the config `npm start` wrote in the source checkout the agent
 * runs from, given by the caller only when that file exists and the OS default does
 * not: then `zhengban-agent status` after `npm start` finds the agent it enrolled. An
 * installed agent never runs from a checkout, so it never gets one.
 */
export function resolveConfigLocation(
  p: PathEnv & { flag?: string | undefined; cwd: string; checkoutConfig?: string | undefined },
): ConfigLocation {
  const path = p.platform === 'win32' ? win32 : posix;
  const chosen = p.flag ? { file: p.flag, source: 'flag' as const }
    : p.env.ZHENGBAN_AGENT_CONFIG ? { file: p.env.ZHENGBAN_AGENT_CONFIG, source: 'env' as const }
    : p.checkoutConfig ? { file: p.checkoutConfig, source: 'checkout' as const }
    : null;
  if (chosen) {
    const configFile = path.resolve(p.cwd, chosen.file);
    return { configFile, stateDir: path.dirname(configFile), source: chosen.source };
  }
  return { ...defaultPaths(p), source: 'default' };
}
