#!/usr/bin/env node
// `npm start`: the whole product on one machine. Starts the collector on 127.0.0.1
// with its SQLite file under ./data, enrolls this machine's agent, reports once,
// prints this machine's verdict and the collector's address, and keeps serving
// until interrupted. Re-running reuses the database, the agent and the admin token.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const root = resolve(new URL('..', import.meta.url).pathname);
const dataDir = resolve(process.env.ZHENGBAN_DATA ?? join(root, 'data'));
const db = join(dataDir, 'zhengban.db');
const agentConfig = join(dataDir, 'agent', 'agent.json');
const adminTokenFile = join(dataDir, 'admin-token.txt');
const collectorBin = join(root, 'collector', 'bin', 'zhengban-collector.js');
const agentBin = join(root, 'agent', 'bin', 'zhengban-agent.js');
const preferredPort = process.env.PORT ?? '8470';
const unit = process.env.ZHENGBAN_UNIT ?? '本机 (this computer)';

function fail(message) {
  console.error(`npm start: ${message}`);
  process.exitCode = 1;
}

/** Runs a CLI to completion; returns its stdout, or throws with its stderr. */
function runCli(bin, args) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`${bin.split('/').pop()} ${args[0]} failed (exit ${r.status}): ${r.stderr.trim()}`);
  }
  return r.stdout;
}

const lastLine = (text) => text.trim().split('\n').pop().trim();

// Run from this checkout, the agent finds ./data/agent/agent.json by itself (when the
// OS-wide config does not exist); with another ZHENGBAN_DATA it needs --config.
const agentCommand = dataDir === join(root, 'data') ? 'npx zhengban-agent' : `npx zhengban-agent --config ${agentConfig}`;

/** Starts `serve`; resolves with the child and its URL once it prints `listening on`. */
function startCollector(port) {
  const child = spawn(process.execPath, [collectorBin, 'serve', '--db', db, '--host', '127.0.0.1', '--port', String(port)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
    if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
  });
  return new Promise((resolveStart, rejectStart) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const m = /^listening on (\S+)/.exec(line);
      if (m) resolveStart({ child, url: m[1], stderr: () => stderr });
    });
    child.on('exit', (code) => rejectStart(new Error(`collector exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`)));
  });
}

async function collectorKnows(url, adminToken, agentId) {
  const res = await fetch(`${url}/api/v1/machines/${encodeURIComponent(agentId)}`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  return res.status === 200;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

async function main() {
  mkdirSync(join(dataDir, 'agent'), { recursive: true });

  let collector;
  try {
    collector = await startCollector(preferredPort);
  } catch (err) {
    if (!/EADDRINUSE/.test(err.message)) throw err;
    console.error(`port ${preferredPort} is taken; using a free port instead`);
    collector = await startCollector(0);
  }
  const stop = () => collector.child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  if (!existsSync(adminTokenFile)) {
    const token = lastLine(runCli(collectorBin, ['token', 'create', '--db', db, '--role', 'admin']));
    writeFileSync(adminTokenFile, `${token}\n`, { mode: 0o600 });
  }

  const adminToken = readFileSync(adminTokenFile, 'utf8').trim();
  const config = readJson(agentConfig);
  if (config?.agentId && (await collectorKnows(collector.url, adminToken, config.agentId))) {
    // Same database, same agent: only the port may have moved.
    if (config.serverUrl !== collector.url) {
      writeFileSync(agentConfig, `${JSON.stringify({ ...config, serverUrl: collector.url }, null, 2)}\n`);
    }
  } else {
    const token = lastLine(runCli(collectorBin, ['enrollment', 'create', '--db', db, '--unit', unit, '--max-uses', '1']));
    // A new key too: this collector may know the old one (a config that lost its agent id).
    runCli(agentBin, ['--config', agentConfig, 'enroll', '--server', collector.url, '--token', token, '--force', '--new-key']);
    console.log(`enrolled this machine's agent in unit "${unit}"`);
  }

  console.log('\n== this machine, as the collector judged it ==');
  const report = spawnSync(process.execPath, [agentBin, '--config', agentConfig, 'report'], { cwd: root, stdio: 'inherit' });
  if (report.status !== 0) fail(`the agent's report failed (exit ${report.status})`);

  console.log(`
== collector ==
address:      ${collector.url}
dashboard:    ${collector.url}/   (sign in with the admin token)
database:     ${db}
admin token:  ${adminTokenFile}
try:          curl -H "Authorization: Bearer $(cat ${adminTokenFile})" ${collector.url}/api/v1/machines
agent:        ${agentCommand} status   (also report, scan; config ${agentConfig})

serving until interrupted (Ctrl-C)`);

  await new Promise((done) => collector.child.on('exit', done));
}

main().catch((err) => {
  fail(err.message);
  process.exit(1);
});
