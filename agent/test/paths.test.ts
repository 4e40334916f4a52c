import { describe, expect, it } from 'vitest';
import { defaultPaths, resolveConfigLocation } from '../src/index.js';

describe('default paths per OS', () => {
  it('Linux root uses /etc and /var/lib', () => {
    expect(defaultPaths({ platform: 'linux', env: {}, uid: 0, homedir: '/root' }))
      .toEqual({ configFile: '/etc/zhengban/agent.json', stateDir: '/var/lib/zhengban' });
  });

  it('Linux user follows XDG, with the spec defaults', () => {
    expect(defaultPaths({ platform: 'linux', env: {}, uid: 1000, homedir: '/home/li' })).toEqual({
      configFile: '/home/li/.config/zhengban/agent.json',
      stateDir: '/home/li/.local/state/zhengban',
    });
    expect(defaultPaths({ platform: 'linux', env: { XDG_CONFIG_HOME: '/x/cfg', XDG_STATE_HOME: '/x/st' }, uid: 1000, homedir: '/home/li' }))
      .toEqual({ configFile: '/x/cfg/zhengban/agent.json', stateDir: '/x/st/zhengban' });
  });

  it('ignores relative XDG values, as the spec says', () => {
    expect(defaultPaths({ platform: 'linux', env: { XDG_CONFIG_HOME: 'cfg' }, uid: 1000, homedir: '/home/li' }).configFile)
      .toBe('/home/li/.config/zhengban/agent.json');
  });

  it('Windows uses %ProgramData%', () => {
    expect(defaultPaths({ platform: 'win32', env: { ProgramData: 'D:\\PD' }, uid: null, homedir: 'C:\\Users\\li' }))
      .toEqual({ configFile: 'D:\\PD\\zhengban\\agent.json', stateDir: 'D:\\PD\\zhengban' });
    expect(defaultPaths({ platform: 'win32', env: {}, uid: null, homedir: 'C:\\Users\\li' }).configFile)
      .toBe('C:\\ProgramData\\zhengban\\agent.json');
  });

  it('macOS uses /Library/Application Support (root) or the same under ~ (user)', () => {
    expect(defaultPaths({ platform: 'darwin', env: {}, uid: 0, homedir: '/var/root' })).toEqual({
      configFile: '/Library/Application Support/zhengban/agent.json',
      stateDir: '/Library/Application Support/zhengban',
    });
    expect(defaultPaths({ platform: 'darwin', env: {}, uid: 501, homedir: '/Users/li' }).configFile)
      .toBe('/Users/li/Library/Application Support/zhengban/agent.json');
  });
});

describe('choosing the config file', () => {
  const base = { platform: 'linux' as const, uid: 0, homedir: '/root', cwd: '/work' };

  it('--config wins and keeps state beside the file', () => {
    expect(resolveConfigLocation({ ...base, env: { ZHENGBAN_AGENT_CONFIG: '/env/a.json' }, flag: 'conf/a.json' }))
      .toEqual({ configFile: '/work/conf/a.json', stateDir: '/work/conf', source: 'flag' });
  });

  it('ZHENGBAN_AGENT_CONFIG comes next', () => {
    expect(resolveConfigLocation({ ...base, env: { ZHENGBAN_AGENT_CONFIG: '/env/a.json' } }))
      .toEqual({ configFile: '/env/a.json', stateDir: '/env', source: 'env' });
  });

  it('falls back to the OS default', () => {
    expect(resolveConfigLocation({ ...base, env: {} }))
      .toEqual({ configFile: '/etc/zhengban/agent.json', stateDir: '/var/lib/zhengban', source: 'default' });
  });

  it("takes npm start's config in the checkout when the caller found one, after --config and the environment", () => {
    const checkoutConfig = '/src/zhengban/data/agent/agent.json';
    expect(resolveConfigLocation({ ...base, env: {}, checkoutConfig }))
      .toEqual({ configFile: checkoutConfig, stateDir: '/src/zhengban/data/agent', source: 'checkout' });
    expect(resolveConfigLocation({ ...base, env: { ZHENGBAN_AGENT_CONFIG: '/env/a.json' }, checkoutConfig }).source).toBe('env');
    expect(resolveConfigLocation({ ...base, env: {}, flag: 'a.json', checkoutConfig }).source).toBe('flag');
  });
});
