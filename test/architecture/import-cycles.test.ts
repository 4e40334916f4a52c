import { fileURLToPath } from 'node:url';
import { parseCircular, parseDependencyTree, type DependencyTree } from 'dpdm';
import { beforeAll, describe, expect, it } from 'vitest';

// No module may import itself back, `import type` included: a type-only cycle costs
// nothing at run time, but it ties modules together so that none can be read, moved or
// tested alone. When this fails, move the shared type to a module of its own that both
// sides import (as classify/judged-snapshot.ts); a re-export from the old place that
// would close the cycle again is not a fix.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// Each package with its own tsconfig, so web's `@collector/*` paths resolve as Vite does.
const PACKAGES = [
  { name: 'shared', files: 'shared/src/**/*.ts' },
  { name: 'agent', files: 'agent/src/**/*.ts' },
  { name: 'collector', files: 'collector/src/**/*.ts' },
  { name: 'web', files: 'web/src/**/*.{ts,tsx}' },
] as const;

async function treeOf(pkg: (typeof PACKAGES)[number]): Promise<DependencyTree> {
  return parseDependencyTree(pkg.files, {
    context: ROOT,
    cwd: ROOT,
    tsconfig: `${pkg.name}/tsconfig.json`,
    // `transform` would compile TypeScript to JavaScript first and so drop the type-only
    // imports this guard exists for.
    transform: false,
    // The shared package resolves to its build output; its sources are checked as such.
    exclude: /\/node_modules\/|\/shared\/dist\//,
  });
}

/** `a → b → c → a`, started at its least file so one cycle found twice reads the same. */
function named(cycle: readonly string[]): string {
  const start = cycle.indexOf([...cycle].sort()[0]!);
  const turned = [...cycle.slice(start), ...cycle.slice(0, start)];
  return [...turned, turned[0]].join(' → ');
}

describe('import cycles', () => {
  let trees: DependencyTree[] = [];
  beforeAll(async () => {
    trees = await Promise.all(PACKAGES.map(treeOf));
  });

  it('none in shared, agent, collector or web', () => {
    const cycles = new Set(trees.flatMap((tree) => parseCircular(tree).map(named)));
    expect([...cycles].sort()).toEqual([]);
  });

  // A cycle can only be seen through imports that resolved; one that did not (a new
  // file kind, a changed resolver) would let a cycle through unseen.
  it('sees every relative import of every package', () => {
    const unresolved = trees.flatMap((tree) =>
      Object.values(tree).flatMap((deps) => (deps ?? []).filter((d) => d.id === null && d.request.startsWith('.')).map((d) => `${d.issuer}: ${d.request}`)),
    );
    expect(unresolved).toEqual([]);
    for (const [i, pkg] of PACKAGES.entries()) {
      expect(Object.keys(trees[i]!).filter((id) => id.startsWith(`${pkg.name}/src/`)).length, pkg.name).toBeGreaterThan(10);
    }
  });
});
