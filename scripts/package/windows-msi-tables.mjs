// What Debian's wixl (msitools 0.101) cannot express, set in the built MSI with msibuild's
// SQL and read back with msiinfo:
//
// - the database code page. wixl encodes strings in the code page of the build machine's
//   language (WINDOWS_LANGUAGE, else the locale) but stores code page 0, "the installing
//   PC's ANSI code page": Chinese text built under zh_CN is right on a Chinese PC only.
//   The strings are built under zh_CN (GBK) and the database is then marked 936, so every
//   PC decodes them as GBK;
// - SERVER, TOKEN and CA in SecureCustomProperties (wixl ignores Property/@Secure), so they
//   reach the installation when a managed install runs it with elevated rights;
// - msidbCustomActionTypeHideTarget on ZbEnroll, whose command line carries the token:
//   the log does not show it (wixl ignores CustomAction/@HideTarget);
// - ZbCreateTaskRollback as a rollback action (wixl knows only immediate and deferred);
// - same-version upgrades: the Upgrade row that finds older versions also takes the same
//   version (WiX's AllowSameVersionUpgrades; wixl ignores it), so a rebuilt package of
//   one version replaces the installed one instead of installing beside it.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const HIDE_TARGET = 0x2000;
const ROLLBACK = 0x100;
const VERSION_MAX_INCLUSIVE = 0x200;
export const SECURE_PROPERTIES = ['SERVER', 'TOKEN', 'CA'];

/** The environment wixl, msibuild and msiinfo must share to read and write GBK strings. */
export const CHINESE_ENV = { ...process.env, WINDOWS_LANGUAGE: 'zh_CN' };

function tool(name, args, env = CHINESE_ENV) {
  const r = spawnSync(name, args, { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  if (r.error || r.status !== 0) {
    throw new Error(`${name} ${args.slice(0, 2).join(' ')} failed: ${(r.stderr || r.error?.message || `exit ${r.status}`).trim()}`);
  }
  return r.stdout;
}

/** One table as msiinfo exports it: column names, then rows as objects. */
export function exportTable(msi, table, env = CHINESE_ENV) {
  const lines = tool('msiinfo', ['export', msi, table], env).split(/\r?\n/).filter((l) => l !== '');
  const columns = lines[0].split('\t');
  return lines.slice(3).map((line) => Object.fromEntries(line.split('\t').map((v, i) => [columns[i], v])));
}

const quote = (v) => `'${String(v).replace(/'/g, "''")}'`;

function one(rows, what) {
  if (rows.length !== 1) throw new Error(`expected one ${what} in the built MSI, found ${rows.length}`);
  return rows[0];
}

/** Applies the corrections to `msi` in place; `workDir` holds the code-page table file. */
export function correctTables(msi, workDir) {
  const queries = [];
  const actions = exportTable(msi, 'CustomAction');
  for (const [action, flag] of [['ZbEnroll', HIDE_TARGET], ['ZbCreateTaskRollback', ROLLBACK]]) {
    const row = one(actions.filter((r) => r.Action === action), `custom action ${action}`);
    queries.push(`UPDATE \`CustomAction\` SET \`Type\` = ${Number(row.Type) | flag} WHERE \`Action\` = ${quote(action)}`);
  }

  const secure = exportTable(msi, 'Property').find((r) => r.Property === 'SecureCustomProperties');
  const names = [...new Set([...(secure?.Value ? secure.Value.split(';') : []), ...SECURE_PROPERTIES])].join(';');
  queries.push(secure
    ? `UPDATE \`Property\` SET \`Value\` = ${quote(names)} WHERE \`Property\` = 'SecureCustomProperties'`
    : `INSERT INTO \`Property\` (\`Property\`, \`Value\`) VALUES ('SecureCustomProperties', ${quote(names)})`);

  // Attributes is part of the Upgrade table's key: the row is replaced, not updated.
  const upgrade = one(exportTable(msi, 'Upgrade').filter((r) => r.ActionProperty === 'WIX_UPGRADE_DETECTED'), 'upgrade row');
  const columns = Object.keys(upgrade).filter((c) => upgrade[c] !== '' && c !== 'Attributes');
  queries.push(
    "DELETE FROM `Upgrade` WHERE `ActionProperty` = 'WIX_UPGRADE_DETECTED'",
    `INSERT INTO \`Upgrade\` (${[...columns, 'Attributes'].map((c) => `\`${c}\``).join(', ')}) ` +
      `VALUES (${[...columns.map((c) => quote(upgrade[c])), Number(upgrade.Attributes) | VERSION_MAX_INCLUSIVE].join(', ')})`,
  );

  const codepage = join(workDir, '_ForceCodepage.idt');
  writeFileSync(codepage, '\r\n\r\n936\t_ForceCodepage\r\n');
  tool('msibuild', [msi, ...queries.flatMap((q) => ['-q', q]), '-i', codepage]);
}
