import { describe, expect, it } from 'vitest';
import {
  ExecFailedError, ExecNotFoundError, ExecOutputTooLargeError, ExecTimeoutError, run,
} from '../../src/exec/run.js';

const node = process.execPath;

describe('run', () => {
  it('returns stdout of a command run without a shell', async () => {
    const r = await run(node, ['-e', 'process.stdout.write("a b; echo $HOME")']);
    expect(r).toEqual({ stdout: 'a b; echo $HOME', stderr: '', exitCode: 0 });
  });

  it('sets LC_ALL=C and keeps the inherited environment', async () => {
    const r = await run(node, ['-e', 'process.stdout.write(`${process.env.LC_ALL}|${process.env.PATH === undefined}`)']);
    expect(r.stdout).toBe('C|false');
  });

  it('decodes UTF-8 output (Chinese package names) intact', async () => {
    const r = await run(node, ['-e', 'process.stdout.write("金山办公\\t奇安信")']);
    expect(r.stdout).toBe('金山办公\t奇安信');
  });

  it('throws E_EXEC_NOT_FOUND for a missing program', async () => {
    const err = await run('zhengban-no-such-program', []).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExecNotFoundError);
    expect(err).toMatchObject({ code: 'E_EXEC_NOT_FOUND' });
    expect((err as Error).cause).toBeDefined();
  });

  it('throws E_EXEC_FAILED with the exit code and stderr', async () => {
    const err = await run(node, ['-e', 'console.error("rpmdb: lock held"); process.exit(3)']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExecFailedError);
    expect(err).toMatchObject({ code: 'E_EXEC_FAILED', exitCode: 3 });
    expect((err as Error).message).toContain('exit code 3');
    expect((err as Error).message).toContain('rpmdb: lock held');
  });

  it('treats listed exit codes as answers', async () => {
    const r = await run(node, ['-e', 'process.stdout.write("none"); process.exit(1)'], { okExitCodes: [1] });
    expect(r).toEqual({ stdout: 'none', stderr: '', exitCode: 1 });
  });

  it('stops a command that runs too long with E_EXEC_TIMEOUT', async () => {
    const started = Date.now();
    const err = await run(node, ['-e', 'setTimeout(() => {}, 10000)'], { timeoutMs: 200 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExecTimeoutError);
    expect(err).toMatchObject({ code: 'E_EXEC_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses output beyond maxBuffer with E_EXEC_OUTPUT_TOO_LARGE', async () => {
    const err = await run(node, ['-e', 'process.stdout.write("x".repeat(100000))'], { maxBufferBytes: 1000 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ExecOutputTooLargeError);
    expect(err).toMatchObject({ code: 'E_EXEC_OUTPUT_TOO_LARGE' });
  });
});
