import { createPublicKey, type KeyObject } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { generateKeyPair, loadPrivateKey, ZhengbanError } from '@zhengban/shared';
import { isNotFound, writeFileAtomic } from '../state/atomic-write.js';

/** The private key file is readable by someone other than its owner: it may be copied. */
export class KeyPermissionError extends ZhengbanError {
  constructor(file: string, mode: number) {
    const octal = (mode & 0o777).toString(8).padStart(3, '0');
    super('E_KEY_PERMISSIONS', `key file ${file} is accessible by group or others (mode ${octal}); run: chmod 600 ${file}`);
  }
}

/** The key file is missing, unreadable or not an Ed25519 private key. */
export class KeyFileError extends ZhengbanError {
  constructor(message: string, cause?: unknown) {
    super('E_KEY_FILE', message, { cause });
  }
}

export interface AgentKey {
  privateKey: KeyObject;
  /** SPKI PEM, as the collector stores it. */
  publicKeyPem: string;
  created: boolean;
}

/** POSIX only: Windows ACLs are not mode bits, and ProgramData is locked down by the installer. */
export async function checkKeyPermissions(file: string, platform: NodeJS.Platform = process.platform): Promise<void> {
  if (platform === 'win32') return;
  const info = await stat(file);
  if ((info.mode & 0o077) !== 0) throw new KeyPermissionError(file, info.mode);
}

/** Loads the agent's private key, refusing a key file others could read. */
export async function loadKeyFile(file: string, platform: NodeJS.Platform = process.platform): Promise<AgentKey> {
  let pem: string;
  try {
    await checkKeyPermissions(file, platform);
    pem = await readFile(file, 'utf8');
  } catch (err) {
    if (err instanceof KeyPermissionError) throw err;
    const hint = isNotFound(err) ? ' (enroll again to create one)' : '';
    throw new KeyFileError(`cannot read key file ${file}: ${(err as Error).message}${hint}`, err);
  }
  let privateKey: KeyObject;
  try {
    privateKey = loadPrivateKey(pem);
  } catch (err) {
    throw new KeyFileError(`key file ${file}: ${(err as Error).message}`, err);
  }
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey, publicKeyPem, created: false };
}

/**
 * Reuses an existing key (after the permission check) or creates one. Reuse keeps a
 * re-enrollment from orphaning snapshots already signed and spooled with the old key.
 * `fresh` replaces the key: the collector enrolls a key once, so an agent enrolling as a
 * new machine with a collector that knows its key needs a new one.
 */
export async function ensureKeyFile(file: string, platform: NodeJS.Platform = process.platform, fresh = false): Promise<AgentKey> {
  const exists = await stat(file).then(() => true, (err: unknown) => {
    if (isNotFound(err)) return false;
    throw new KeyFileError(`cannot read key file ${file}: ${(err as Error).message}`, err);
  });
  if (exists && !fresh) return loadKeyFile(file, platform);
  const pair = generateKeyPair();
  try {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    await writeFileAtomic(file, pair.privateKeyPem, 0o600);
  } catch (err) {
    throw new KeyFileError(`cannot write key file ${file}: ${(err as Error).message}`, err);
  }
  return { privateKey: loadPrivateKey(pair.privateKeyPem), publicKeyPem: pair.publicKeyPem, created: true };
}
