// A machine of the plan as its agent reports it: the snapshot envelope around the
// recorded parts, with this machine's own hostname and identifiers.
import { SCHEMA_VERSION } from '@zhengban/shared';

const ARCH = { x64: 'x64', amd64: 'x64', arm64: 'arm64', loongarch64: 'loong64' };

/** Identifiers a real fleet would have: a serial, an SMBIOS UUID, an installation id. */
export function identify(machine, rng) {
  const serial = machine.platform === 'darwin' ? `C02${rng.hex(7).toUpperCase()}` : `PF${rng.hex(6).toUpperCase()}`;
  const uuid = () => `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`;
  return { ...machine, identity: { hostname: machine.host, serial, hardwareUuid: uuid(), machineId: machine.platform === 'linux' ? rng.hex(32) : uuid() } };
}

/** The snapshot of scan `seq`, collected a little before the collector's clock says it arrived. */
export function snapshotOf(machine, seq, collectedAt, rng, software = machine.software) {
  return {
    schemaVersion: SCHEMA_VERSION,
    snapshotId: rng.uuid(),
    agentId: null,
    seq,
    collectedAt: collectedAt.toISOString(),
    agent: { version: '0.1.0', platform: machine.platform, arch: ARCH[machine.os.arch] ?? 'x64', nodeVersion: 'v20.19.2' },
    machine: { ...machine.hardware, ...machine.identity },
    os: machine.os,
    office: machine.office,
    antivirus: machine.antivirus,
    software,
    indicators: machine.indicators,
    collectionErrors: [],
  };
}

/** What changed on the PC by the second scan: the story's installs, or a browser update. */
export function secondSoftware(machine, rng) {
  if (machine.round2) return [...machine.software, ...machine.round2];
  if (machine.platform !== 'win32' || rng.next() >= 0.25) return machine.software;
  return machine.software.map((s) => (s.name === 'Google Chrome' ? { ...s, version: '131.0.6778.140' } : s));
}
