// What the MSI's custom action (`install`) and the scheduled task (`run`) do, with every
// effect outside the state folder passed in (`deps`), so Linux tests drive them with a
// recording agent. The agent itself does the work: its `status --json`, `enroll` and
// `report` commands; this only decides which to run and writes the log.
//
// The enrollment token waits in enroll-pending.json in the state folder (SYSTEM and
// Administrators only) until an `enroll` succeeds, then it is deleted: an install
// without network still enrolls at the first scheduled run.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, win32 } from 'node:path';
import { CaError, caPemFromText } from './collector-ca.mjs';
import { fromProperties, ParameterError, readInstallFile } from './parameters.mjs';

/** Within this long after Windows starts, a run is the start-up catch-up … */
export const CATCH_UP_WINDOW_S = 30 * 60;
/** … which reports only when the last success is older than this (the daemon's rule, 24 h, less a margin for start times that vary). */
export const RECENT_MS = 20 * 3600 * 1000;

const MEANING = {
  0: 'done', 1: 'failed', 2: 'usage or configuration error', 3: 'collector unreachable or busy, snapshot spooled',
  4: 'collector refused it', 5: 'collector certificate not trusted',
};

/**
 * @typedef {{ stateDir: string, configFile: string, pendingFile: string, caFile: string }} Paths
 * @typedef {{ status: number | null, stdout: string, stderr: string, error?: Error }} AgentResult
 * @typedef {{ paths: Paths, agent: (args: string[]) => AgentResult, lockStateDir: (dir: string) => string | void,
 *   fetchCa: (server: string, sha256: string) => Promise<string>, log: (tag: string, text: string) => void,
 *   now: () => Date, uptimeSeconds: () => number, agentCommand: string }} Deps
 */

/** Runs one agent command, logs what it printed and its exit code, returns the code. */
export function runAgent(deps, tag, args) {
  const r = deps.agent(args);
  deps.log(tag, r.stdout ?? '');
  deps.log(tag, r.stderr ?? '');
  if (r.error) deps.log(tag, `the agent did not run to its end: ${r.error.message}`);
  const code = r.status ?? 1;
  deps.log(tag, `exit ${code} (${MEANING[code] ?? 'failed'})`);
  return code;
}

function readStatus(deps) {
  const r = deps.agent(['status', '--json']);
  if (r.status === 0) {
    try {
      return JSON.parse(r.stdout);
    } catch {
      // Reported below.
    }
  }
  deps.log('status', `${r.stderr || r.stdout || r.error?.message || ''}`.trim() || 'status failed');
  return null;
}

function readPending(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** The collector (and CA) in agent.json before enrollment, so `status` shows where the agent will report. */
function writeServer(configFile, server, caFile) {
  let file = {};
  try {
    file = JSON.parse(readFileSync(configFile, 'utf8').replace(/^\uFEFF/, ''));
  } catch {
    // No config yet (or one the agent will complain about itself).
  }
  if (file.agentId) return;
  writeFileSync(configFile, `${JSON.stringify({ ...file, serverUrl: server, ...(caFile ? { caFile } : {}) }, null, 2)}\n`);
}

/**
 * Enrolls with the pending parameters when the agent is not enrolled yet. Resolves with
 * the exit code (0 when enrolled) and the status read before.
 */
export async function ensureEnrolled(deps) {
  const { paths, log } = deps;
  const status = readStatus(deps);
  if (!status) return { code: 2, status: null };
  const pending = readPending(paths.pendingFile);
  if (status.enrolled) {
    if (pending) {
      rmSync(paths.pendingFile, { force: true });
      log('enroll', `already enrolled as agent ${status.agentId} with ${status.serverUrl}; the pending enrollment parameters were removed unused`);
    }
    return { code: 0, status };
  }
  if (!pending) {
    log('enroll', `not enrolled, and no enrollment parameters were given at install: run ${deps.agentCommand} enroll --server URL --token TOKEN [--ca FILE] as an administrator, or install again with SERVER and TOKEN`);
    return { code: 2, status };
  }
  let caFile = pending.caFile;
  if (pending.caSha256) {
    try {
      writeFileSync(paths.caFile, await deps.fetchCa(pending.server, pending.caSha256));
      caFile = paths.caFile;
      log('enroll', `took the CA certificate with sha256 ${pending.caSha256} from the collector's chain into ${caFile}`);
    } catch (e) {
      log('enroll', e.message);
      return { code: 5, status };
    }
  }
  log('enroll', `enrolling with ${pending.server} (${caFile ? `CA ${caFile}` : 'the roots Windows trusts'})`);
  // A new key: one left by an earlier failed attempt is worth nothing, and may be known to a collector already.
  const code = runAgent(deps, 'enroll', ['enroll', '--new-key', '--server', pending.server, '--token', pending.token, ...(caFile ? ['--ca', caFile] : [])]);
  if (code === 0) rmSync(paths.pendingFile, { force: true }); // the token leaves the disk
  return { code, status };
}

/** The MSI's deferred custom action, as SYSTEM after the files are in place. */
export async function install({ msi = '', server, token, ca }, deps) {
  const { paths, log } = deps;
  const msiDir = msi.includes('\\') ? win32.dirname(msi) : dirname(msi);
  // First, before anything is written there: a user may have created the folder beforehand.
  let lockError = null;
  let lockNote = '';
  try {
    lockNote = deps.lockStateDir(paths.stateDir) ?? '';
  } catch (e) {
    lockError = e;
  }
  log('install', `installed${msi ? ` from ${msi}` : ''}`);
  log('install', lockNote);
  if (lockError) {
    log('install', `cannot restrict ${paths.stateDir} to SYSTEM and Administrators (${lockError.message}); not enrolling, as the key and the token would be readable by users`);
    return 1;
  }
  let params;
  let caPem = null;
  try {
    params = fromProperties({ server, token, ca }, msiDir) ?? (msi ? readInstallFile(msiDir) : null);
    if (params?.ca?.file) caPem = caPemFromText(readFileSync(params.ca.file, 'latin1'), params.ca.file);
  } catch (e) {
    if (!(e instanceof ParameterError || e instanceof CaError || e.code)) throw e; // e.code: the CA file cannot be read
    log('install', `${e.message}; not enrolling`);
    return 2;
  }
  if (!params) {
    log('install', `no SERVER and TOKEN were given and there is no zhengban-install.json beside the MSI: installed but not enrolled (run ${deps.agentCommand} enroll --server URL --token TOKEN as an administrator, or install again with them)`);
    return 0;
  }
  const status = readStatus(deps);
  if (status?.enrolled) {
    rmSync(paths.pendingFile, { force: true });
    log('install', `already enrolled as agent ${status.agentId} with ${status.serverUrl}: kept; the parameters from ${params.source} are not used (to enroll elsewhere: ${deps.agentCommand} enroll --force …)`);
    return 0;
  }
  const caFile = caPem ? paths.caFile : undefined;
  if (caPem) writeFileSync(paths.caFile, caPem);
  const pending = { server: params.server, token: params.token, ...(caFile ? { caFile } : {}), ...(params.ca?.sha256 ? { caSha256: params.ca.sha256 } : {}) };
  writeFileSync(paths.pendingFile, `${JSON.stringify(pending, null, 2)}\n`);
  writeServer(paths.configFile, params.server, caFile);
  log('install', `enrollment parameters from ${params.source}: collector ${params.server}, CA ${caFile ?? (params.ca?.sha256 ? `sha256 ${params.ca.sha256}` : 'the roots Windows trusts')}`);
  const enrolled = await ensureEnrolled(deps);
  if (enrolled.code !== 0) {
    log('install', 'not enrolled now; the scheduled task tries again at its next run');
    return enrolled.code;
  }
  return runAgent(deps, 'report', ['report']);
}

/**
 * The scheduled task: nightly, and shortly after Windows starts. A run within
 * CATCH_UP_WINDOW_S of start-up is the catch-up, and reports only when the last success
 * is older than RECENT_MS; the nightly run (or one an admin starts) always reports.
 */
export async function scheduledRun(deps) {
  const { code, status } = await ensureEnrolled(deps);
  if (code !== 0) return code;
  const up = deps.uptimeSeconds();
  const last = status?.lastSuccessAt ? Date.parse(status.lastSuccessAt) : NaN;
  if (up < CATCH_UP_WINDOW_S && deps.now().getTime() - last < RECENT_MS) {
    deps.log('report', `start-up catch-up skipped: Windows started ${Math.round(up / 60)} min ago and the last report succeeded at ${status.lastSuccessAt}`);
    return 0;
  }
  return runAgent(deps, 'report', ['report']);
}
