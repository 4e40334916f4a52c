// The agent's files as they lie on an office PC, staged under `root`:
//
//   /opt/zhengban-agent/lib/           the bundle (agent/bundle, without source maps)
//   /opt/zhengban-agent/node/bin/node  the runtime it carries, or a link to the
//                                      distribution's /usr/bin/node
//   /opt/zhengban-agent/bin/zhengban-agent   the wrapper; /usr/bin/zhengban-agent links to it
//   /opt/zhengban-agent/libexec/       agent-setup, systemd-unit, fetch-ca.mjs (bundled with
//                                      the Windows installer's collector-ca.mjs it uses)
//   <unitDir>/zhengban-agent.service
//   /usr/share/doc/zhengban-agent/     README, install.env.example, the runtime's LICENSE
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { copyTree, link, PACKAGING, put, ROOT, run, template } from './stage.mjs';

export const AGENT_PREFIX = 'opt/zhengban-agent';
const BUNDLE = join(ROOT, 'agent', 'bundle');

/** `runtime`: a folder from nodeRuntime(), or null for the distribution's nodejs. */
export function stageAgent(root, { runtime, unitDir }) {
  if (!existsSync(join(BUNDLE, 'zhengban-agent.mjs'))) throw new Error(`no agent bundle in ${BUNDLE}: run npm run build first`);
  const prefix = join(root, AGENT_PREFIX);
  copyTree(BUNDLE, join(prefix, 'lib'), (path) => path.endsWith('.map'));

  const doc = 'usr/share/doc/zhengban-agent';
  if (runtime) {
    put(root, `${AGENT_PREFIX}/node/bin/node`, { from: join(runtime, 'bin', 'node'), mode: 0o755 });
    put(root, `${doc}/node-LICENSE`, { from: join(runtime, 'LICENSE') });
  } else {
    link(root, `${AGENT_PREFIX}/node/bin/node`, '/usr/bin/node');
  }
  put(root, `${AGENT_PREFIX}/bin/zhengban-agent`, { text: template('agent/zhengban-agent.sh'), mode: 0o755 });
  put(root, `${AGENT_PREFIX}/libexec/agent-setup`, { text: template('agent/agent-setup.sh'), mode: 0o755 });
  put(root, `${AGENT_PREFIX}/libexec/systemd-unit`, { text: template('common/systemd-unit.sh'), mode: 0o755 });
  run(join(ROOT, 'node_modules', '.bin', 'rolldown'), [join(PACKAGING, 'agent', 'fetch-ca.mjs'),
    '--file', join(prefix, 'libexec', 'fetch-ca.mjs'), '--platform', 'node', '--format', 'esm', '--logLevel', 'warn']);
  link(root, 'usr/bin/zhengban-agent', `/${AGENT_PREFIX}/bin/zhengban-agent`);
  put(root, `${unitDir}/zhengban-agent.service`, { text: template('agent/zhengban-agent.service') });
  put(root, `${doc}/README`, { text: template('agent/README') });
  put(root, `${doc}/install.env.example`, { text: template('agent/install.env.example') });
}
