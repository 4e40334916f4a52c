// Signing of the Windows package with the organisation's certificate, when one is
// configured: the staged inventory.ps1 (for PCs under AllSigned or AppLocker, see
// docs/windows-policy.md) and then the MSI itself. Both go through scripts/sign-windows.mjs,
// run as the packaging step runs it, so its checks apply unchanged (ASCII script, key
// matching the certificate, signature verified before the file is replaced, password
// only through the environment). node.exe keeps the OpenJS Foundation's signature.
//
// Configured from the environment (the CLI) or passed to buildWindowsMsi:
//   ZHENGBAN_SIGN_PFX=org.pfx            or ZHENGBAN_SIGN_CERT=cert.pem + ZHENGBAN_SIGN_KEY=key.pem
//   ZHENGBAN_SIGN_PASS_ENV=ORG_SIGN_PASS the name of the variable holding the password
//   ZHENGBAN_SIGN_CA=roots.pem           to verify against (default: the system CA bundle)
//   ZHENGBAN_SIGN_TIMESTAMP=URL, ZHENGBAN_SIGN_CRL=FILE, ZHENGBAN_SIGN_TSA_CA=FILE
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIGN_WINDOWS = fileURLToPath(new URL('../sign-windows.mjs', import.meta.url));

const FROM_ENV = {
  pfx: 'ZHENGBAN_SIGN_PFX', cert: 'ZHENGBAN_SIGN_CERT', key: 'ZHENGBAN_SIGN_KEY', passEnv: 'ZHENGBAN_SIGN_PASS_ENV',
  ca: 'ZHENGBAN_SIGN_CA', crl: 'ZHENGBAN_SIGN_CRL', timestamp: 'ZHENGBAN_SIGN_TIMESTAMP', tsaCa: 'ZHENGBAN_SIGN_TSA_CA',
};
const FLAGS = {
  pfx: '--pfx', cert: '--cert', key: '--key', passEnv: '--pass-env', ca: '--ca', crl: '--crl', timestamp: '--timestamp', tsaCa: '--tsa-ca', name: '--name',
};

/** The signing configuration the environment gives, or null when it names no certificate. */
export function signingFromEnv(env = process.env) {
  const cwd = env.INIT_CWD ?? process.cwd(); // where `npm run` was started
  const config = Object.fromEntries(Object.entries(FROM_ENV).filter(([, name]) => env[name]).map(([k, name]) => {
    const file = !['passEnv', 'timestamp'].includes(k);
    return [k, file ? resolve(cwd, env[name]) : env[name]];
  }));
  return config.pfx || config.cert || config.key ? config : null;
}

/** Signs `files` in place with scripts/sign-windows.mjs; throws with its one-line reason. */
export function signFiles(files, signing, env = process.env) {
  const args = Object.entries(FLAGS).flatMap(([k, flag]) => (signing[k] ? [flag, signing[k]] : []));
  const r = spawnSync(process.execPath, [SIGN_WINDOWS, ...args, ...files], { encoding: 'utf8', env, cwd: join(SIGN_WINDOWS, '..', '..') });
  if (r.status !== 0) throw new Error(`signing failed: ${(r.stderr || r.error?.message || `exit ${r.status}`).trim()}`);
  return r.stdout.trim().split('\n');
}
