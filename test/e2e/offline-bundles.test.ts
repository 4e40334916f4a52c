import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentBin, collectorBin, lastLine, runCli, startCollector, type RunningCollector } from './processes.js';

// A network with no route to the collector, with the built CLIs: an offline token file,
// two PCs enrolled from it that scan this machine, their bundles merged on a relay PC,
// the merge imported on the command line, then a later bundle uploaded over HTTP.
describe('air-gapped network → bundles on removable media → collector', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhengban-e2e-offline-'));
  const db = join(dir, 'zhengban.db');
  const pc = (name: string) => (...args: string[]) => runCli(agentBin, ['--config', join(dir, name, 'agent.json'), ...args]);
  const [pc1, pc2] = [pc('pc1'), pc('pc2')];
  let collector: RunningCollector;
  let adminToken: string;

  beforeAll(async () => {
    const made = runCli(collectorBin, ['enrollment', 'create', '--db', db, '--unit', '县保密局', '--offline', join(dir, 'token.json'), '--network', '涉密内网']);
    expect(made.status, made.stderr).toBe(0);
    adminToken = lastLine(runCli(collectorBin, ['token', 'create', '--db', db, '--role', 'admin']).stdout);
  });

  afterAll(async () => {
    await collector?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('enrolls two PCs offline, exports, merges and imports them: both counted with a verdict', () => {
    for (const p of [pc1, pc2]) {
      const enrolled = p('enroll', '--offline', join(dir, 'token.json'));
      expect(enrolled.status, enrolled.stderr).toBe(0);
      expect(enrolled.stdout).toMatch(/enrolled offline as agent ag_[0-9a-f]{32} in unit 县保密局 \(network 涉密内网\)/);
    }
    const reported = pc1('report');
    expect(reported.status, reported.stderr).toBe(0);
    expect(reported.stdout).toMatch(/^offline: snapshot seq 1 kept in the spool \(1 waiting\)/);
    for (const [p, file] of [[pc1, 'pc1.bundle'], [pc2, 'pc2.bundle.gz']] as const) {
      const exported = p('export', '--out', join(dir, file));
      expect(exported.status, exported.stderr).toBe(0);
    }
    const merged = pc2('bundle', 'merge', '--out', join(dir, 'network.bundle'), join(dir, 'pc1.bundle'), join(dir, 'pc2.bundle.gz'));
    expect(merged.status, merged.stderr).toBe(0);
    expect(merged.stdout).toMatch(/from 2 bundle\(s\): 3 snapshot\(s\) of 2 machine\(s\), 2 enrollment request\(s\)/);

    const imported = runCli(collectorBin, ['import', '--db', db, '--json', join(dir, 'network.bundle')]);
    expect(imported.status, imported.stderr).toBe(0);
    const report = JSON.parse(imported.stdout) as { accepted: number; enrolled: unknown[]; network: string; intact: boolean };
    expect(report).toMatchObject({ accepted: 3, network: '涉密内网', intact: true });
    expect(report.enrolled).toHaveLength(2);

    const again = runCli(collectorBin, ['import', '--db', db, join(dir, 'network.bundle')]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('accepted 0, duplicates 3, replayed 0, refused 0');
    expect(again.stderr).toMatch(/this bundle was imported before \(import #1/);
  });

  it('takes the next bundle over HTTP and names the PC that did not send one', async () => {
    collector = await startCollector(db);
    const exported = pc1('export', '--out', join(dir, 'later.bundle'));
    expect(exported.status, exported.stderr).toBe(0);
    const res = await fetch(`${collector.url}/api/v1/imports?name=later.bundle`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/x-ndjson' },
      body: readFileSync(join(dir, 'later.bundle')),
    });
    expect(res.status).toBe(200);
    const report = (await res.json()) as { accepted: number; enrollmentsKnown: number; notSeen: Array<{ hostname: string }> };
    expect(report).toMatchObject({ accepted: 1, enrollmentsKnown: 1 });
    expect(report.notSeen).toHaveLength(1);
    const machines = await fetch(`${collector.url}/api/v1/machines`, { headers: { authorization: `Bearer ${adminToken}` } });
    const list = (await machines.json()) as { machines: Array<{ unit: string; status: string }> };
    expect(list.machines.map((m) => m.unit)).toEqual(['县保密局', '县保密局']);
    expect(list.machines.every((m) => m.status !== 'pending')).toBe(true);
  });
});
