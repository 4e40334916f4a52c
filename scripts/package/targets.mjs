// Every package `npm run package` builds: its id, and how to build it into `outDir`.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { stageAgent } from './agent-tree.mjs';
import { stageCollector } from './collector-tree.mjs';
import { buildDeb } from './deb.mjs';
import { debDepends, elfNeeds, rpmRequires } from './elf-needs.mjs';
import { buildRpm } from './rpm.mjs';
import { NODE_VERSION, nodeRuntime } from './runtime.mjs';
import { link, MAINTAINER, put, template, tempRoot, version } from './stage.mjs';
import { buildTarball } from './tarball.mjs';
import { buildWindowsMsi } from './windows-msi.mjs';
import { buildInspectorKit } from './inspector-kit.mjs';

const RELEASE = '1';
/**
 * The agent's bundle runs on Node 20.0 (checked: enroll, report, daemon); its
 * dependencies commander 14 and node-cron 4 ask for Node 20, so that is the floor
 * for a distribution's nodejs.
 */
const SYSTEM_NODE = 'nodejs (>= 20)';

const AGENT_TEXT = `Software-licence compliance agent (软件正版化)
Measures the installed operating system, office suites, antivirus and other
software with their licence and activation states, and reports signed snapshots
to a zhengban collector, which judges the PC licensed or unauthorized.`;

/** A staging root that is removed once `build` has packed it. */
function staged(name, build) {
  const root = tempRoot(name);
  try {
    return build(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function agentDeb(arch, cpu) {
  return (outDir) => staged('agent-deb', (root) => {
    const runtime = cpu ? nodeRuntime(cpu) : null;
    stageAgent(root, { runtime, unitDir: 'lib/systemd/system' });
    return buildDeb({
      root, outDir,
      fields: {
        Package: 'zhengban-agent', Version: `${version('agent')}-${RELEASE}`, Architecture: arch,
        Maintainer: MAINTAINER, Section: 'admin', Priority: 'optional',
        Depends: runtime ? debDepends(elfNeeds([join(runtime, 'bin', 'node')])) : SYSTEM_NODE,
        Description: `${AGENT_TEXT}\n${runtime ? `Carries its own Node.js ${NODE_VERSION} runtime.` : 'Runs on the distribution\'s Node.js.'}`,
      },
      scripts: { postinst: 'agent/deb/postinst', prerm: 'agent/deb/prerm', postrm: 'agent/deb/postrm' },
    });
  });
}

function agentRpm(arch, cpu) {
  return (outDir) => staged('agent-rpm', (root) => {
    const runtime = nodeRuntime(cpu);
    stageAgent(root, { runtime, unitDir: 'usr/lib/systemd/system' });
    return buildRpm({
      root, outDir, arch, name: 'zhengban-agent', spec: 'agent/rpm/zhengban-agent.spec',
      values: { VERSION: version('agent'), RELEASE, NODE_VERSION, REQUIRES: rpmRequires(elfNeeds([join(runtime, 'bin', 'node')])).join(', ') },
    });
  });
}

const SQLITE_BINARY = 'app/node_modules/better-sqlite3/build/Release/better_sqlite3.node';

function collectorDeb(outDir) {
  return staged('collector-deb', (root) => {
    const prefix = join(root, 'opt/zhengban-collector');
    stageCollector(prefix, nodeRuntime('x64'));
    put(root, 'etc/zhengban-collector/collector.env', { text: template('collector/collector.env') });
    put(root, 'lib/systemd/system/zhengban-collector.service', { text: template('collector/zhengban-collector.service') });
    link(root, 'usr/bin/zhengban-collector', '/opt/zhengban-collector/bin/zhengban-collector');
    return buildDeb({
      root, outDir,
      fields: {
        Package: 'zhengban-collector', Version: `${version('collector')}-${RELEASE}`, Architecture: 'amd64',
        Maintainer: MAINTAINER, Section: 'admin', Priority: 'optional',
        Depends: `${debDepends(elfNeeds([join(prefix, 'node/bin/node'), join(prefix, SQLITE_BINARY)]))}, adduser | passwd`,
        Description: `Software-licence compliance collector (软件正版化)
Receives the zhengban agents' signed snapshots, judges every machine licensed or
unauthorized, and serves the HTTP API and the web dashboard. Carries its own
Node.js ${NODE_VERSION} runtime and its dependencies.`,
      },
      scripts: { postinst: 'collector/deb/postinst', prerm: 'collector/deb/prerm', postrm: 'collector/deb/postrm' },
      conffiles: ['/etc/zhengban-collector/collector.env'],
    });
  });
}

function collectorTarball(outDir) {
  return staged('collector-tar', (root) => {
    const dir = join(root, `zhengban-collector-${version('collector')}-linux-x64`);
    stageCollector(dir, nodeRuntime('x64'));
    put(dir, 'collector.env', { text: template('collector/collector.env') });
    put(dir, 'zhengban-collector.service', { text: template('collector/zhengban-collector.service') });
    return buildTarball({ dir, outDir });
  });
}

export const TARGETS = [
  { id: 'agent-deb-amd64', build: agentDeb('amd64', 'x64') },
  { id: 'agent-deb-arm64', build: agentDeb('arm64', 'arm64') },
  { id: 'agent-deb-loong64', build: agentDeb('loong64', null) },
  { id: 'agent-deb-mips64el', build: agentDeb('mips64el', null) },
  { id: 'agent-rpm-x86_64', build: agentRpm('x86_64', 'x64') },
  { id: 'agent-rpm-aarch64', build: agentRpm('aarch64', 'arm64') },
  { id: 'collector-deb-amd64', build: collectorDeb },
  { id: 'collector-tar-linux-x64', build: collectorTarball },
  // wixl and msitools build it (docs/windows-install.md); it checks for them itself.
  { id: 'agent-msi-x64', windows: true, build: async (outDir) => (await buildWindowsMsi({ outDir, log: () => {} })).file },
  // Needs zip only, which it checks itself (no Debian packaging tools: `windows` says so).
  { id: 'inspector-kit', windows: true, build: (outDir) => buildInspectorKit(outDir) },
];
