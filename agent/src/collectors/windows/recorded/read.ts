import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RecordedInputError } from '../../replay/errors.js';
import { inventoryFromFrames } from '../inventory.frames.js';
import { INVENTORY_FORMAT, type WindowsInventory } from '../inventory.schema.js';
import { decodeText } from './decode.js';
import { addRegKeys } from './reg.map.js';
import { parseReg } from './reg.parse.js';
import { addWmicRecords } from './wmic.map.js';
import { parseWmicList } from './wmic.parse.js';

export { RecordedInputError };

const WMIC_EXT = /\.(wmi|txt)$/i;

/**
 * Reads a folder recorded on a Windows PC into the inventory the live script would
 * print. `inventory.json` (the script's own output: its frames, or one document
 * from before frames) wins and is taken as is;
 * otherwise every `*.reg` export and `*.wmi`/`*.txt` wmic listing is mapped into
 * the same sections (origin `recorded`). Files are read in name order, so the
 * result does not depend on the file system. What a file held that could not be
 * read becomes an entry in `errors`, like a failed query in the live script.
 */
export async function readRecordedDir(dir: string): Promise<WindowsInventory> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (err) {
    throw new RecordedInputError(`cannot read the recorded folder ${dir}: ${(err as Error).message}`, err);
  }
  if (names.includes('inventory.json')) {
    const path = join(dir, 'inventory.json');
    try {
      return inventoryFromFrames(decodeText(await readFile(path)));
    } catch (err) {
      throw new RecordedInputError((err as Error).message, err);
    }
  }

  const inv: WindowsInventory = { format: INVENTORY_FORMAT, origin: 'recorded', collectedAt: null, errors: [] };
  let recognised = 0;
  for (const name of names) {
    const isReg = /\.reg$/i.test(name);
    if (!isReg && !WMIC_EXT.test(name)) continue;
    const text = decodeText(await readFile(join(dir, name)));
    if (isReg) {
      const reg = parseReg(text);
      if (!reg.header) inv.errors.push({ source: `recorded:${name}`, message: 'no "Windows Registry Editor Version 5.00" or "REGEDIT4" header' });
      for (const s of reg.skipped.slice(0, 5)) inv.errors.push({ source: `recorded:${name}`, message: `line ${s.line} (${s.why}): ${s.text.slice(0, 120)}` });
      const used = addRegKeys(inv, reg.keys);
      if (reg.header || used > 0) recognised++;
    } else {
      const list = parseWmicList(text);
      const cls = addWmicRecords(inv, list.records, name);
      if (cls) recognised++;
      else if (list.records.length) inv.errors.push({ source: `recorded:${name}`, message: 'wmic output of a class this reader does not know' });
    }
  }
  if (recognised === 0) {
    throw new RecordedInputError(`no recognisable recording in ${dir} (expected inventory.json, *.reg exports or wmic /format:list *.wmi files)`);
  }
  return inv;
}
