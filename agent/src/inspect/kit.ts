import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { assertValid, KitFile, loadPrivateKey, parseJson, type KitModule } from '@zhengban/shared';
import { isNotFound } from '../state/atomic-write.js';
import { KitError } from './errors.js';

/** What `kit create` puts in the kit folder beside the agent and the runtimes. */
export interface LoadedKit {
  dir: string;
  kit: KitFile;
  key: KeyObject;
  judge: KitModule;
}

const MAKE = 'make it with: zhengban-collector kit create --out <the kit folder>';

async function readKitFile(dir: string, name: string): Promise<string> {
  try {
    return await readFile(join(dir, name), 'utf8');
  } catch (err) {
    if (isNotFound(err)) throw new KitError(`no inspector kit in ${dir}: ${name} is missing (${MAKE})`, err);
    throw new KitError(`cannot read ${join(dir, name)}: ${(err as Error).message}`, err);
  }
}

function readKitJson(dir: string, text: string): KitFile {
  try {
    return assertValid(KitFile, parseJson(text, 'kit.json'), 'kit.json');
  } catch (err) {
    throw new KitError(`${join(dir, 'kit.json')} is damaged: ${(err as Error).message} (copy the kit again, or ${MAKE})`, err);
  }
}

/**
 * The key is read without the agent's mode check: a stick's FAT or exFAT file system has
 * no owner or mode bits, and what keeps the key is the inspector keeping the stick.
 */
function readKey(dir: string, pem: string, kit: KitFile): KeyObject {
  let key: KeyObject;
  try {
    key = loadPrivateKey(pem);
  } catch (err) {
    throw new KitError(`${join(dir, 'inspector.key')} is not an inspector key: ${(err as Error).message}`, err);
  }
  const publicKey = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
  if (publicKey.trim() !== kit.inspector.publicKey.trim()) throw new KitError(`${join(dir, 'inspector.key')} is not the key of this kit's inspector ${kit.inspector.name}: copy the kit's own`);
  return key;
}

function isKitModule(m: unknown): m is KitModule {
  const k = m as Partial<KitModule> | null;
  return typeof k?.RULES_VERSION === 'string' && [k.checkKit, k.judgeOnSite, k.inspectionSheet, k.verdictLine].every((f) => typeof f === 'function');
}

/** judge.mjs by its file URL: the agent never imports collector code, the kit brings it. */
async function loadJudge(dir: string, kit: KitFile): Promise<KitModule> {
  const file = join(dir, 'judge.mjs');
  let judge: unknown;
  try {
    judge = ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
  } catch (err) {
    const missing = (err as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND';
    throw new KitError(missing ? `no inspector kit in ${dir}: judge.mjs is missing (copy the kit again)` : `${file} cannot be loaded: ${(err as Error).message}`, err);
  }
  if (!isKitModule(judge)) throw new KitError(`${file} is not a kit's judge (copy the kit again)`);
  if (judge.RULES_VERSION !== kit.rulesVersion) throw new KitError(`kit.json was made under rules ${kit.rulesVersion}, but judge.mjs has rules ${judge.RULES_VERSION}: ${MAKE}`);
  try {
    judge.checkKit(kit);
  } catch (err) {
    throw new KitError(`${join(dir, 'kit.json')} cannot be judged with: ${(err as Error).message}`, err);
  }
  return judge;
}

/** Reads and checks the whole kit before anything is scanned: a bad kit is one clear line. */
export async function loadKit(dir: string): Promise<LoadedKit> {
  const kit = readKitJson(dir, await readKitFile(dir, 'kit.json'));
  const key = readKey(dir, await readKitFile(dir, 'inspector.key'), kit);
  return { dir, kit, key, judge: await loadJudge(dir, kit) };
}
