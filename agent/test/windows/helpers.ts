import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { INVENTORY_FORMAT, type WindowsInventory } from '../../src/collectors/windows/inventory.schema.js';
import { repoRoot } from '../collectors/fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));

/** GLPI Agent's real Windows recordings, read in place (../shared/fixtures/real/glpi-agent/win32). */
export const GLPI_WIN32 = resolve(repoRoot, '../shared/fixtures/real/glpi-agent/win32');
export const glpiBytes = (path: string): Buffer => readFileSync(resolve(GLPI_WIN32, path));

export async function expectWindowsGolden(value: unknown, name: string): Promise<void> {
  await expect(`${JSON.stringify(value, null, 2)}\n`).toMatchFileSnapshot(resolve(here, 'golden', name));
}

/** An inventory with only what a test sets. */
export function inventory(parts: Partial<WindowsInventory> = {}): WindowsInventory {
  return { format: INVENTORY_FORMAT, origin: 'script', collectedAt: '2026-11-20T08:00:00Z', errors: [], ...parts };
}

/** UTF-16LE with BOM and CRLF, as Windows tools write. */
export const utf16 = (text: string): Buffer =>
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf16le')]);
