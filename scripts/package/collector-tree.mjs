// The collector as it lies in /opt/zhengban-collector (the .deb) or in the tarball's
// folder, staged under `prefix`:
//
//   node/               the Node.js runtime it carries
//   app/                the checkout's layout, production files only: collector/ (bin,
//                       dist, web-dist), shared/ (dist), node_modules/ with exactly the
//                       packages the collector's dependencies resolve to
//   bin/                zhengban-collector, zhengban-collector-serve
//   libexec/            systemd-unit
//   README
// The settings (collector.env) and the unit go where each kind of package puts them.
//
// The dependencies are copied from this checkout's node_modules as `npm ci` installed
// them (the lockfile's versions, better-sqlite3 built for this machine), keeping their
// paths, so every import resolves to the same file as in the checkout; only what the
// collector's dependencies reach, following Node's resolution from each package, is
// taken, and none of the development packages beside them.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { copyTree, link, put, ROOT, template } from './stage.mjs';

/** Files no running collector reads: type declarations, source maps, build leftovers. */
const JUNK = /\.(d\.[cm]?ts|map|tsbuildinfo)$/;
/** better-sqlite3 keeps its SQLite sources and object files beside the one binary it loads. */
const KEEP_SQLITE = new Set(['build', 'build/Release', 'build/Release/better_sqlite3.node']);
const prune = {
  'better-sqlite3': (path) => path === 'deps' || path === 'src' || (path.startsWith('build') && !KEEP_SQLITE.has(path)),
};

/** The folder `name` resolves to from `dir`, as Node looks it up (never above the checkout). */
function resolvePackage(dir, name) {
  for (let d = dir; `${d}/`.startsWith(ROOT); d = dirname(d)) {
    if (d.endsWith('/node_modules')) continue;
    const candidate = join(d, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
  }
  return null;
}

/** Every package the workspace `start` needs at run time: [{ path, real, manifest }], paths relative to the checkout. */
export function productionClosure(start) {
  const found = new Map();
  const visit = (path) => {
    const real = realpathSync(join(ROOT, path));
    if (found.has(path)) return;
    const manifest = JSON.parse(readFileSync(join(real, 'package.json'), 'utf8'));
    found.set(path, { path, real, manifest });
    const optional = { ...manifest.optionalDependencies, ...manifest.peerDependenciesMeta };
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies, ...manifest.peerDependencies })) {
      const dep = resolvePackage(real, name);
      if (dep) visit(relative(ROOT, dep));
      else if (!(name in optional) && !manifest.peerDependencies?.[name]) throw new Error(`${manifest.name} needs ${name}, which is not installed: run npm ci`);
    }
  };
  visit(start);
  return [...found.values()];
}

/** Copies the closure into `app`, a workspace as its package.json `files` say, a package whole. */
function stageApp(app) {
  for (const { path, real, manifest } of productionClosure('collector')) {
    if (manifest.name.startsWith('@types/')) continue;
    const target = join(app, path);
    if (real !== join(ROOT, path)) link(app, path, relative(dirname(target), join(app, relative(ROOT, real))));
    const dest = join(app, relative(ROOT, real));
    if (existsSync(dest)) continue;
    const workspace = !relative(ROOT, real).includes('node_modules');
    if (workspace) {
      put(dest, 'package.json', { from: join(real, 'package.json') });
      for (const entry of manifest.files ?? []) copyTree(join(real, entry), join(dest, entry), (p) => JUNK.test(p) || p.includes('.test.'));
    } else {
      const skip = prune[manifest.name] ?? (() => false);
      copyTree(real, dest, (p) => p === 'node_modules' || p.startsWith('node_modules/') || JUNK.test(p) || skip(p));
    }
  }
}

export function stageCollector(prefix, runtime) {
  if (!existsSync(join(ROOT, 'collector', 'web-dist', 'index.html'))) throw new Error('no built collector and dashboard: run npm run build first');
  stageApp(join(prefix, 'app'));
  put(prefix, 'node/bin/node', { from: join(runtime, 'bin', 'node'), mode: 0o755 });
  put(prefix, 'node/LICENSE', { from: join(runtime, 'LICENSE') });
  put(prefix, 'bin/zhengban-collector', { text: template('collector/zhengban-collector.sh'), mode: 0o755 });
  put(prefix, 'bin/zhengban-collector-serve', { text: template('collector/collector-serve.sh'), mode: 0o755 });
  put(prefix, 'libexec/systemd-unit', { text: template('common/systemd-unit.sh'), mode: 0o755 });
  put(prefix, 'README', { text: template('collector/README') });
}
