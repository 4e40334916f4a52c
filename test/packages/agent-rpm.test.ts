import { existsSync, mkdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackages, elfMachine, entries, out, verifyUnit } from './build.js';

// The agent's .rpms (Kylin Server, openEuler, Anolis), built as `npm run package` builds
// them: header, dependencies, scriptlets and files; the x86_64 one installed into a
// throwaway root with rpm --root (no scriptlets: they are agent-setup's, tested in
// agent-setup.test.ts and run for real by the .deb in agent-deb.test.ts).

let built: { dir: string; files: Record<string, string> };
let rpm: Record<string, string>;
beforeAll(() => {
  built = buildPackages(['agent-rpm-x86_64', 'agent-rpm-aarch64']);
  rpm = built.files;
}, 300_000);
afterAll(() => built && rmSync(built.dir, { recursive: true, force: true }));

const query = (file: string, ...args: string[]) => out('rpm', ['-qp', ...args, file]);
/** rpm -i sets owners, which only root may. */
const asRoot = process.getuid?.() === 0 ? '' : ' (not run: not root)';

describe('agent .rpms', () => {
  it('name their architecture, and require the glibc and libstdc++ of their runtime as rpm names them', () => {
    for (const [id, arch] of [['agent-rpm-x86_64', 'x86_64'], ['agent-rpm-aarch64', 'aarch64']] as const) {
      expect(query(rpm[id]!, '--queryformat', '%{NAME} %{RELEASE} %{ARCH}')).toBe(`zhengban-agent 1 ${arch}`);
      const requires = query(rpm[id]!, '--requires');
      expect(requires).toContain('libc.so.6(GLIBC_2.28)(64bit)');
      expect(requires).toContain('libstdc++.so.6(GLIBCXX_3.4.21)(64bit)');
      expect(requires).toMatch(/rpmlib\(PayloadIsXz\)/);
    }
  });

  it('run agent-setup after install, and before the last erase only', () => {
    const scripts = query(rpm['agent-rpm-x86_64']!, '--scripts');
    expect(scripts).toMatch(/postinstall scriptlet[^\n]*\n\/opt\/zhengban-agent\/libexec\/agent-setup configure\n/);
    expect(scripts).toMatch(/preuninstall scriptlet[^\n]*\nif \[ "\$1" -eq 0 \]; then \/opt\/zhengban-agent\/libexec\/agent-setup remove; fi/);
  });

  it('carry what the .deb carries, the unit in /usr/lib/systemd/system, all root\'s', () => {
    const files = new Map(entries(query(rpm['agent-rpm-x86_64']!, '-lv')).map((e) => [e.path, e]));
    expect(files.get('/opt/zhengban-agent/node/bin/node')?.mode).toBe('-rwxr-xr-x');
    expect(files.get('/opt/zhengban-agent/libexec/agent-setup')?.mode).toBe('-rwxr-xr-x');
    expect(files.get('/usr/lib/systemd/system/zhengban-agent.service')?.mode).toBe('-rw-r--r--');
    expect(files.get('/usr/bin/zhengban-agent')).toMatchObject({ mode: 'lrwxrwxrwx', target: '/opt/zhengban-agent/bin/zhengban-agent' });
    expect([...files.values()].filter((e) => e.owner !== 'root/root')).toEqual([]);
    expect([...files.keys()].filter((p) => /^\/(etc|var)\b/.test(p))).toEqual([]);
  });

  it.skipIf(asRoot)(`installs into a throwaway root, where its own runtime runs the agent and its unit verifies${asRoot}`, () => {
    const root = join(built.dir, 'root');
    mkdirSync(root);
    out('rpm', ['--root', root, '--initdb']);
    out('rpm', ['--root', root, '-i', '--nodeps', '--noscripts', rpm['agent-rpm-x86_64']!]);
    expect(out('rpm', ['--root', root, '-qa']).trim()).toMatch(/^zhengban-agent-\d+\.\d+\.\d+-1\.x86_64$/);
    expect(statSync(join(root, 'opt/zhengban-agent/node/bin/node')).mode & 0o777).toBe(0o755);
    expect(readlinkSync(join(root, 'usr/bin/zhengban-agent'))).toBe('/opt/zhengban-agent/bin/zhengban-agent');
    expect(out(join(root, 'opt/zhengban-agent/bin/zhengban-agent'), ['--version']).trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const verify = verifyUnit(join(root, 'usr/lib/systemd/system/zhengban-agent.service'), root, '/opt/zhengban-agent');
    expect(verify.status, verify.stderr).toBe(0);

    out('rpm', ['--root', root, '-e', '--noscripts', 'zhengban-agent']);
    expect(existsSync(join(root, 'opt/zhengban-agent/bin'))).toBe(false);
  });

  it.skipIf(asRoot)(`carries an aarch64 runtime in the aarch64 package${asRoot}`, () => {
    const root = join(built.dir, 'aarch64');
    mkdirSync(root);
    out('rpm', ['--root', root, '--initdb']);
    out('rpm', ['--root', root, '-i', '--nodeps', '--noscripts', '--ignorearch', rpm['agent-rpm-aarch64']!]);
    expect(elfMachine(join(root, 'opt/zhengban-agent/node/bin/node'))).toBe('aarch64');
  });
});
