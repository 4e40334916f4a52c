#!/usr/bin/env node
// Bundles the built agent (agent/dist) with its dependencies into agent/bundle/.
// Loading TypeBox and systeminformation as hundreds of separate ES modules costs
// ~0.4 s at every start; one bundle loads in a fraction of that, and it is what the
// installers ship beside a Node runtime. Commands stay lazily loaded as chunks.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const agentDir = fileURLToPath(new URL('../agent/', import.meta.url));
const outDir = `${agentDir}bundle`;

rmSync(outDir, { recursive: true, force: true });
await build({
  input: { 'zhengban-agent': `${agentDir}dist/cli.js` },
  platform: 'node',
  logLevel: 'warn',
  output: {
    dir: outDir,
    format: 'esm',
    entryFileNames: '[name].mjs',
    chunkFileNames: 'chunks/[name]-[hash].mjs',
    sourcemap: true,
    // CommonJS dependencies (systeminformation) call require() for Node built-ins.
    banner: "import { createRequire as __zbCreateRequire } from 'node:module'; const require = __zbCreateRequire(import.meta.url);",
  },
});
console.log(`agent bundled into ${outDir}`);
