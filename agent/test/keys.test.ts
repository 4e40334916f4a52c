import { chmod, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signBytes, verifyBytes } from '@zhengban/shared';
import { checkKeyPermissions, ensureKeyFile, KeyPermissionError, loadKeyFile } from '../src/index.js';
import { tempDir } from './helpers.js';

const posix = process.platform !== 'win32';

describe('key file', () => {
  it.runIf(posix)('is created readable by its owner only, in a private folder', async () => {
    const dir = join(await tempDir(), 'state');
    const key = await ensureKeyFile(join(dir, 'agent.key'));
    expect(key.created).toBe(true);
    expect((await stat(join(dir, 'agent.key'))).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o077).toBe(0);
    expect(await readdir(dir)).toEqual(['agent.key']);
    expect(key.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });

  it('is reused, and its public half verifies what the private half signs', async () => {
    const file = join(await tempDir(), 'agent.key');
    const first = await ensureKeyFile(file);
    const again = await ensureKeyFile(file);
    expect(again.created).toBe(false);
    expect(again.publicKeyPem).toBe(first.publicKeyPem);
    const sig = signBytes(Buffer.from('x'), again.privateKey);
    expect(verifyBytes(Buffer.from('x'), sig, first.publicKeyPem)).toBe(true);
  });

  it.runIf(posix)('is refused when group or others can read it', async () => {
    const file = join(await tempDir(), 'agent.key');
    await ensureKeyFile(file);
    await chmod(file, 0o644);
    await expect(loadKeyFile(file)).rejects.toBeInstanceOf(KeyPermissionError);
    await expect(ensureKeyFile(file)).rejects.toMatchObject({ code: 'E_KEY_PERMISSIONS', message: expect.stringMatching(/mode 644.*chmod 600/) });
    await chmod(file, 0o640);
    await expect(checkKeyPermissions(file)).rejects.toMatchObject({ code: 'E_KEY_PERMISSIONS' });
  });

  it('skips mode bits on Windows, where ACLs protect the key', async () => {
    const file = join(await tempDir(), 'agent.key');
    await ensureKeyFile(file);
    await chmod(file, 0o644);
    await expect(checkKeyPermissions(file, 'win32')).resolves.toBeUndefined();
  });

  it('reports a missing or broken key with E_KEY_FILE', async () => {
    const dir = await tempDir();
    await expect(loadKeyFile(join(dir, 'none.key'))).rejects.toMatchObject({ code: 'E_KEY_FILE' });
    await writeFile(join(dir, 'bad.key'), 'not a key', { mode: 0o600 });
    await expect(loadKeyFile(join(dir, 'bad.key'))).rejects.toMatchObject({ code: 'E_KEY_FILE' });
  });
});
