import { describe, expect, it } from 'vitest';
import { ExecFailedError } from '../../src/exec/run.js';
import { buildSnapshot } from '../../src/snapshot/build.js';
import { formatSummary } from '../../src/snapshot/summary.js';
import { expectGoldenText, fakeIo } from '../collectors/fixtures.js';
import { HOST, NOW, kylinMachine } from './machines.js';

const ID = '00000000-0000-4000-8000-000000000000';

async function summary(io: ReturnType<typeof fakeIo>): Promise<string> {
  const s = await buildSnapshot({ agentId: null, seq: 0, now: NOW, io, platform: 'linux', host: HOST });
  // Pin what differs between runs and machines.
  return formatSummary({ ...s, snapshotId: ID, agent: { version: '0.1.0', platform: 'linux', arch: 'loong64', nodeVersion: 'v20.20.2' } });
}

describe('formatSummary', () => {
  it('lists machine, OS, activation, office, antivirus, software and errors', async () => {
    const text = await summary(kylinMachine(new ExecFailedError('rpm', 1, 'error: rpmdb open failed', 'exit code 1', null)));
    await expectGoldenText(text, 'summary/kylin-desktop.txt');
  });

  it('says "none found" and "none" on a bare machine', async () => {
    const text = await summary(fakeIo({ '/etc/os-release': 'ID=debian\nNAME="Debian GNU/Linux"\n' }, { 'dpkg-query': '' }));
    expect(text).toMatch(/^Office: {5}none found$/m);
    expect(text).toMatch(/^Antivirus: {2}none found$/m);
    expect(text).toMatch(/^Software: {3}0 entries$/m);
    expect(text).toMatch(/^Errors: {5}none$/m);
    expect(text).toMatch(/^Activation: not-applicable: Debian GNU\/Linux has no product activation \[os-release\]$/m);
  });
});
