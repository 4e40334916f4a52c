// A .deb from a staged root: DEBIAN/control from `fields` (Installed-Size counted
// here), the maintainer scripts from packaging/, then dpkg-deb with root as the owner
// of every file, xz-compressed (the dpkg of UOS 20 and Kylin V10, 1.19, reads no zstd).
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { normaliseModes, put, run, sizeKiB, template, XZ_LEVEL, XZ_THREADS } from './stage.mjs';

/**
 * `fields`: control fields in order, Description last (its first line the summary, the
 * rest the long text); `scripts`: { postinst: 'agent/deb/postinst', … };
 * `conffiles`: absolute paths of files under /etc the package ships.
 */
export function buildDeb({ root, outDir, fields, scripts = {}, conffiles = [] }) {
  normaliseModes(root);
  const { Description: description, ...rest } = fields;
  const [summary, ...long] = description.split('\n');
  const control = { ...rest, 'Installed-Size': sizeKiB(root), Description: summary };
  const text = Object.entries(control).map(([k, v]) => `${k}: ${v}`).join('\n');
  const body = long.map((line) => ` ${line.trim() === '' ? '.' : line}`).join('\n');
  put(root, 'DEBIAN/control', { text: `${text}\n${body}${body ? '\n' : ''}` });
  for (const [name, path] of Object.entries(scripts)) put(root, `DEBIAN/${name}`, { text: template(path), mode: 0o755 });
  if (conffiles.length) put(root, 'DEBIAN/conffiles', { text: `${conffiles.join('\n')}\n` });
  chmodSync(join(root, 'DEBIAN'), 0o755);

  const file = join(outDir, `${fields.Package}_${fields.Version}_${fields.Architecture}.deb`);
  run('dpkg-deb', ['--root-owner-group', '-Zxz', `-z${XZ_LEVEL}`, `--threads-max=${XZ_THREADS}`, '--build', root, file]);
  return file;
}
