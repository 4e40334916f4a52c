import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Observations, Snapshot } from '@zhengban/shared';
import { buildSnapshot } from '../../agent/src/snapshot/build.js';
import { classifyMachine } from '../../collector/src/classify/index.js';
import { TRACE_SUBJECTS, type TraceSubject } from '../../collector/src/schema/catalog.js';
import { builtinCatalog, everythingBought } from '../../collector/test/support/registry.js';
import { NOW } from './harness.js';

// The one error this product must never make: a licensed verdict on a PC with a crack
// tool. Over every recorded machine (Windows, Linux, macOS): (1) a machine whose snapshot
// shows crack evidence, by the agent's indicators or by the catalog's crack-tool rules,
// is never licensed; (2) the same machine with one trace of a crack tool added, of each
// kind the catalog reads, is unauthorized with a crack-activator finding quoting it.
// The registry is taken as complete (every commercial product bought), so nothing but
// the trace can make the verdict fail where the machine passed.

const ROOT = fileURLToPath(new URL('../fixtures/', import.meta.url));
const SUITES = ['windows', 'linux-cases', 'macos'];
const cases = SUITES.flatMap((suite) =>
  readdirSync(join(ROOT, suite))
    .filter((name) => statSync(join(ROOT, suite, name)).isDirectory())
    .map((name) => `${suite}/${name}`),
);

const catalog = builtinCatalog();
const judge = (s: Snapshot) => classifyMachine(s, { now: NOW, policy: { trustedKmsHosts: ['kms.czj.gov.example.cn', '10.12.0.5', 'mydomain.ms.com', '10.11.12.13'] }, catalog, licences: everythingBought() });

/** Crack evidence in a snapshot, as the agent and the catalog each see it. */
function crackEvidence(s: Snapshot): string[] {
  const found = s.indicators.map((i) => `indicator ${i.kind}`);
  for (const item of s.software) if (catalog.recogniseSoftware(item)?.licence === 'crack-tool') found.push(`Uninstall entry ${item.name}`);
  const o = s.observations;
  if (o) {
    const seen = (on: TraceSubject, name: string, more: { path?: string; value?: string } = {}) => {
      if (catalog.recogniseTrace(on, { name, ...more })?.licence === 'crack-tool') found.push(`${on} ${name}`);
    };
    for (const x of o.services) seen('service', x.name, { ...(x.path ? { path: x.path } : {}) });
    for (const x of o.tasks) seen('task', x.path, { ...(x.action ? { path: x.action } : {}) });
    for (const x of o.processes) seen('process', x);
    for (const x of o.files) seen('file', x.path);
    for (const x of o.registry) seen('registry', `${x.key}\\${x.name}`, { value: x.value });
  }
  return found;
}

const NO_OBSERVATIONS: Observations = { services: [], tasks: [], processes: [], files: [], registry: [] };

/** One trace of each kind the catalog reads, and the words of it the finding must quote. */
const TRACES: { kind: string; add: (s: Snapshot) => void; quoted: string }[] = [
  { kind: 'an Uninstall entry', add: (s) => s.software.push({ name: 'KMSpico', source: 'registry:HKLM-WOW6432' }), quoted: 'Uninstall entry "KMSpico"' },
  { kind: 'a service', add: (s) => s.observations!.services.push({ name: 'KMSEmulator', path: 'C:\\ProgramData\\KMSAuto\\bin\\KMSSS.exe', state: 'Running' }), quoted: 'service KMSEmulator' },
  { kind: 'a scheduled task', add: (s) => s.observations!.tasks.push({ path: '\\Activation-Renewal', action: 'C:\\Program Files\\Activation-Renewal\\Activation_task.cmd' }), quoted: 'scheduled task \\Activation-Renewal' },
  { kind: 'a process', add: (s) => s.observations!.processes.push('AutoPico.exe'), quoted: 'process AutoPico.exe' },
  { kind: 'a file', add: (s) => s.observations!.files.push({ path: 'C:\\Windows\\System32\\SppExtComObjHook.dll', kind: 'file', size: 97280 }), quoted: 'file C:\\Windows\\System32\\SppExtComObjHook.dll' },
  { kind: 'an IFEO value', add: (s) => s.observations!.registry.push({ key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\sppsvc.exe', name: 'KMS_Emulation', value: '1' }), quoted: 'KMS_Emulation = 1' },
  { kind: 'a public KMS host', add: (s) => s.observations!.registry.push({ key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\SoftwareProtectionPlatform', name: 'KeyManagementServiceName', value: 'kms.03k.org' }), quoted: 'KeyManagementServiceName = kms.03k.org' },
];

it('covers every kind of trace the catalog reads', () => {
  expect(new Set(['service', 'task', 'process', 'file', 'registry', 'kms-host'])).toEqual(new Set(TRACE_SUBJECTS));
  expect(cases.length).toBeGreaterThanOrEqual(50);
});

describe.each(cases)('%s', (name) => {
  const snapshot = () => buildSnapshot({ agentId: 'fixture-agent', seq: 1, now: NOW, from: join(ROOT, name) });

  it('is never licensed when it shows crack evidence', async () => {
    const s = await snapshot();
    const evidence = crackEvidence(s);
    const verdict = judge(s);
    if (evidence.length > 0) {
      expect({ evidence, status: verdict.status }).toEqual({ evidence, status: 'unauthorized' });
      expect(verdict.findings.some((f) => f.code === 'crack-activator')).toBe(true);
    }
  });

  it.each(TRACES)('with $kind of a crack tool added, is unauthorized by a crack-activator finding quoting it', async ({ add, quoted }) => {
    const s = await snapshot();
    s.observations ??= structuredClone(NO_OBSERVATIONS);
    add(s);
    const verdict = judge(s);
    expect(verdict.status).toBe('unauthorized');
    const crack = verdict.findings.filter((f) => f.code === 'crack-activator');
    expect(crack.map((f) => f.message).join('\n')).toContain(quoted);
  });
});
