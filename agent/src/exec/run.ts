import { execFile, type ExecFileException } from 'node:child_process';
import { ZhengbanError } from '@zhengban/shared';

/**
 * The agent's only door to child_process. Commands run without a shell (no quoting
 * bugs, no injection), time-bounded, with bounded output, and under LC_ALL=C so
 * that tools print the same untranslated format the parsers were written against.
 */

export interface RunOptions {
  /** Default 30 s: a cold rpm database on an old office PC can take several seconds. */
  timeoutMs?: number;
  /** Default 32 MiB: a few thousand packages are well under 1 MiB. */
  maxBufferBytes?: number;
  /** Exit codes that are answers, not failures (systemd-detect-virt exits 1 for "none"). */
  okExitCodes?: readonly number[];
}

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** The program is not installed (or not on PATH). Callers often treat this as "absent". */
export class ExecNotFoundError extends ZhengbanError {
  constructor(readonly file: string, cause: unknown) {
    super('E_EXEC_NOT_FOUND', `${file}: command not found`, { cause });
  }
}

/** `stdout` and `stderr` hold what the program printed before it was stopped. */
export class ExecTimeoutError extends ZhengbanError {
  constructor(readonly file: string, readonly timeoutMs: number, readonly stdout = '', readonly stderr = '') {
    super('E_EXEC_TIMEOUT', `${file} did not finish within ${timeoutMs} ms and was stopped`);
  }
}

export class ExecOutputTooLargeError extends ZhengbanError {
  constructor(readonly file: string, readonly maxBufferBytes: number, cause: unknown) {
    super('E_EXEC_OUTPUT_TOO_LARGE', `${file} printed more than ${maxBufferBytes} bytes`, { cause });
  }
}

/** The program ran and failed: a non-zero exit not listed as OK, a signal, or a spawn error. */
export class ExecFailedError extends ZhengbanError {
  constructor(
    readonly file: string,
    readonly exitCode: number | null,
    readonly stderr: string,
    detail: string,
    cause: unknown,
  ) {
    const said = stderr.trim().slice(0, 300);
    super('E_EXEC_FAILED', `${file} failed (${detail})${said ? `: ${said}` : ''}`, { cause });
  }
}

const KILL_GRACE_MS = 2000;

export function run(file: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBufferBytes = options.maxBufferBytes ?? 32 * 1024 * 1024;
  const okExitCodes = options.okExitCodes ?? [];

  return new Promise((resolve, reject) => {
    let timedOut = false;
    let settled = false;
    // Our own copy of the output, for a program stopped whose pipes a grandchild keeps
    // open (execFile's callback would wait for them to close).
    const seen = { stdout: '', stderr: '' };
    const rejectTimeout = (stdout: string, stderr: string) => {
      if (settled) return;
      settled = true;
      reject(new ExecTimeoutError(file, timeoutMs, stdout, stderr));
    };
    const child = execFile(
      file,
      args,
      {
        encoding: 'utf8',
        maxBuffer: maxBufferBytes,
        env: { ...process.env, LC_ALL: 'C' },
        windowsHide: true,
      },
      (err: ExecFileException | null, stdout: string, stderr: string) => {
        clearTimeout(timer);
        if (timedOut) return rejectTimeout(stdout, stderr);
        settled = true;
        if (!err) return resolve({ stdout, stderr, exitCode: 0 });
        if (err.code === 'ENOENT') return reject(new ExecNotFoundError(file, err));
        if (err.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
          return reject(new ExecOutputTooLargeError(file, maxBufferBytes, err));
        }
        if (typeof err.code === 'number') {
          if (okExitCodes.includes(err.code)) return resolve({ stdout, stderr, exitCode: err.code });
          return reject(new ExecFailedError(file, err.code, stderr, `exit code ${err.code}`, err));
        }
        const detail = err.signal ? `killed by ${err.signal}` : String(err.code ?? err.message);
        reject(new ExecFailedError(file, null, stderr, detail, err));
      },
    );

    child.stdout?.on('data', (chunk: string) => { if (seen.stdout.length < maxBufferBytes) seen.stdout += chunk; });
    child.stderr?.on('data', (chunk: string) => { if (seen.stderr.length < maxBufferBytes) seen.stderr += chunk; });

    // Our own timer rather than execFile's: SIGTERM first (rpm cleans up its
    // database locks on SIGTERM, not on SIGKILL), SIGKILL only if it is ignored. The
    // rejection waits for the output to end, so it carries what was printed before.
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }, KILL_GRACE_MS).unref();
      setTimeout(() => rejectTimeout(seen.stdout, seen.stderr), 2 * KILL_GRACE_MS).unref();
    }, timeoutMs);
  });
}
