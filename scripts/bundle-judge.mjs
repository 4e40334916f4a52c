#!/usr/bin/env node
// Bundles the collector's judging for the inspector's kit (collector/dist/kit/kit-module.js:
// classify, the catalog compiler, the sheet) into one ES module, collector/bundle/judge.mjs.
// The agent on an inspector's USB stick loads it by its file URL (it never imports
// collector code), and `zhengban-collector kit create` copies it beside kit.json, so the
// rules that judge on site are those of the collector that wrote the kit. One file, no
// dependency to resolve: the stick has no node_modules.
import { rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const collectorDir = fileURLToPath(new URL('../collector/', import.meta.url));
const JUDGE_FILE = `${collectorDir}bundle/judge.mjs`;

rmSync(`${collectorDir}bundle`, { recursive: true, force: true });
await build({
  input: `${collectorDir}dist/kit/kit-module.js`,
  platform: 'node',
  logLevel: 'warn',
  // Our modules only define data and functions; said so, the built-in catalog (the kit
  // carries the collector's effective one) and unused schemas are left out: 207 → 137 KiB minified.
  treeshake: { moduleSideEffects: (id) => !/[\\/](collector|shared)[\\/]dist[\\/]/.test(id) },
  output: { file: JUDGE_FILE, format: 'esm', minify: true },
});
console.log(`judge bundled into ${JUDGE_FILE} (${(statSync(JUDGE_FILE).size / 1024).toFixed(0)} KiB)`);
