// Run by the bundled node.exe, as SYSTEM, from two places (see docs/windows-install.md):
//
//   node.exe setup\zhengban-setup.mjs install --msi "[OriginalDatabase]" [--server URL --token T [--ca FILE|SHA256]]
//       the MSI's deferred custom action, after the files are installed: locks the state
//       folder to SYSTEM and Administrators, takes the enrollment parameters from the
//       properties or from zhengban-install.json beside the MSI, enrolls and reports once;
//   node.exe setup\zhengban-setup.mjs run
//       the scheduled task \zhengban\report: enrolls if the install could not, then
//       reports (at start-up only when the last report is older than 20 hours).
//
// Everything goes to %ProgramData%\zhengban\logs\zhengban-agent.log. The exit code is
// the agent's (0 done, 2 configuration, 3 collector unreachable, 4 refused, 5 TLS trust),
// which Task Scheduler shows as the task's "Last Run Result".
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, renameSync } from 'node:fs';
import { uptime } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fetchCaByFingerprint } from './collector-ca.mjs';
import { openLog } from './log.mjs';
import { install, scheduledRun } from './runs.mjs';

const installDir = dirname(dirname(fileURLToPath(import.meta.url)));
const agentCli = join(installDir, 'agent', 'bundle', 'zhengban-agent.mjs');
// The agent's own Windows default (agent/src/config/paths.ts): %ProgramData%\zhengban.
const stateDir = join(process.env.ProgramData ?? process.env.PROGRAMDATA ?? 'C:\\ProgramData', 'zhengban');
const paths = {
  stateDir,
  configFile: join(stateDir, 'agent.json'),
  pendingFile: join(stateDir, 'enroll-pending.json'),
  caFile: join(stateDir, 'collector-ca.pem'),
};

// The agent finds its config where this script looks (the OS default), whatever the machine's environment says.
const { ZHENGBAN_AGENT_CONFIG: _ignored, ...agentEnv } = process.env;

// Without a CA of its own the agent trusts what Windows trusts (an enterprise root published by
// Group Policy, too), besides Node.js's built-in list. Node.js 22.15+ and 23.8+ have the flag.
const NODE_FLAGS = process.allowedNodeEnvironmentFlags.has('--use-system-ca') ? ['--use-system-ca'] : [];

/** `enroll` and `report` scan the PC (up to 2 minutes) and talk to the collector; 10 minutes bounds a hang. */
function agent(args) {
  const r = spawnSync(process.execPath, [...NODE_FLAGS, agentCli, ...args], {
    cwd: installDir, env: agentEnv, encoding: 'utf8', windowsHide: true, timeout: 10 * 60_000, maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ...(r.error ? { error: r.error } : {}) };
}

// Owners that only an administrator or Windows itself can be: SYSTEM, Administrators, TrustedInstaller.
const TRUSTED_OWNERS = new Set(['S-1-5-18', 'S-1-5-32-544', 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464']);

function ownerSid(path) {
  const powershell = join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe');
  const r = spawnSync(powershell, ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command',
    '(Get-Acl -LiteralPath $env:ZB_PATH).GetOwner([Security.Principal.SecurityIdentifier]).Value'], {
    encoding: 'utf8', windowsHide: true, timeout: 60_000, env: { ...process.env, ZB_PATH: path },
  });
  const sid = r.stdout?.trim();
  if (r.status !== 0 || !/^S-1-[\d-]+$/.test(sid ?? '')) throw new Error(`cannot read the owner of ${path}: ${`${r.stderr ?? ''}`.trim() || r.error?.message}`);
  return sid;
}

/** Why an existing state folder cannot be trusted, or '' when it can. */
function untrusted(dir) {
  const st = lstatSync(dir, { throwIfNoEntry: false });
  if (!st) return '';
  // Node reports junctions as symbolic links: one to C:\Windows would get its permissions changed below.
  if (st.isSymbolicLink()) return 'is a junction or symbolic link';
  if (!st.isDirectory()) return 'is not a folder';
  const owner = ownerSid(dir);
  return TRUSTED_OWNERS.has(owner) ? '' : `was owned by ${owner}, not by SYSTEM or Administrators`;
}

/**
 * SYSTEM and Administrators only, inherited by everything below. %ProgramData% lets
 * users create folders: a state folder that a user made beforehand (with a key or a
 * config of theirs in it, or as a link elsewhere) is moved aside, never trusted.
 * Returns what was done, for the log.
 */
function lockStateDir(dir) {
  let note = '';
  const reason = untrusted(dir);
  if (reason) {
    const aside = `${dir}.untrusted-${Date.now()}`;
    renameSync(dir, aside);
    note = `${dir} ${reason}: moved aside to ${aside}, and a new one made`;
  }
  mkdirSync(dir, { recursive: true });
  const icacls = join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'icacls.exe');
  const r = spawnSync(icacls, [dir, '/inheritance:r', '/grant:r', '*S-1-5-18:(OI)(CI)F', '*S-1-5-32-544:(OI)(CI)F', '/Q'], { encoding: 'utf8', windowsHide: true, timeout: 60_000 });
  if (r.status !== 0) throw new Error(`icacls exit ${r.status ?? r.error?.message}: ${`${r.stdout}${r.stderr}`.trim()}`);
  return note;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { msi: { type: 'string' }, server: { type: 'string' }, token: { type: 'string' }, ca: { type: 'string' } },
});
const command = positionals[0];
if (command !== 'install' && command !== 'run') {
  process.stderr.write('usage: zhengban-setup.mjs install --msi FILE [--server URL --token TOKEN [--ca FILE|SHA256]] | run\n');
  process.exit(2);
}

const log = openLog(join(stateDir, 'logs', 'zhengban-agent.log'));
const deps = {
  paths, agent, lockStateDir, log, fetchCa: fetchCaByFingerprint,
  now: () => new Date(), uptimeSeconds: uptime, agentCommand: `"${join(installDir, 'zhengban-agent.cmd')}"`,
};
try {
  process.exitCode = command === 'install' ? await install(values, deps) : await scheduledRun(deps);
} catch (e) {
  log(command, `failed: ${e.stack ?? e}`);
  process.exitCode = 1;
}
