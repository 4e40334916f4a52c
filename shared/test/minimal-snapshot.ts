import { randomUUID } from 'node:crypto';
import { SCHEMA_VERSION, type Snapshot } from '@zhengban/shared';

/** The smallest valid snapshot; tests in every package start from it. */
export function minimalSnapshot(): Snapshot {
  return {
    schemaVersion: SCHEMA_VERSION,
    snapshotId: randomUUID(),
    agentId: 'a1',
    seq: 1,
    collectedAt: new Date().toISOString(),
    agent: { version: '0.1.0', platform: 'linux', arch: 'x64', nodeVersion: 'v20.20.2' },
    machine: { hostname: 'pc-01', chassis: 'desktop' },
    os: {
      family: 'linux',
      name: 'Debian GNU/Linux 12 (bookworm)',
      id: 'debian',
      arch: 'x64',
      activation: { state: 'not-applicable', reason: 'Debian has no product activation' },
    },
    office: [],
    antivirus: [],
    software: [{ name: 'bash', version: '5.2.15-2+b7', source: 'dpkg' }],
    indicators: [],
    collectionErrors: [],
  };
}
