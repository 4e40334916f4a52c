import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const collectorBin = `${root}collector/bin/zhengban-collector.js`;
export const agentBin = `${root}agent/bin/zhengban-agent.js`;

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a built CLI to completion (the e2e tests use the real binaries, not imports). */
export function runCli(bin: string, args: string[]): CliResult {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function lastLine(text: string): string {
  return text.trim().split('\n').pop()?.trim() ?? '';
}

export interface RunningCollector {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Ends the process at once, as a power cut or the OOM killer would: no signal handler runs. */
  kill(): Promise<void>;
}

/** Starts `zhengban-collector serve` on loopback and waits for its `listening on` line. */
export function startCollector(db: string, port = 0, extra: string[] = []): Promise<RunningCollector> {
  const child: ChildProcess = spawn(
    process.execPath,
    [collectorBin, 'serve', '--db', db, '--host', '127.0.0.1', '--port', String(port), ...extra],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const ended = (signal: NodeJS.Signals) =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill(signal);
    });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`collector did not start: ${stderr}`)), 20_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^listening on (\S+)/.exec(line);
      if (!m?.[1]) return;
      clearTimeout(timer);
      const url = m[1];
      resolve({
        url,
        port: Number(new URL(url).port),
        stop: () => ended('SIGTERM'),
        kill: () => ended('SIGKILL'),
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`collector exited with ${code}: ${stderr}`));
    });
  });
}
