import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { SoftwareItem } from '@zhengban/shared';
import type { CompiledCatalog } from '../catalog/types.js';
import type { CompiledLists } from '../classify/lists.js';

/** Programs recognised between two turns of the event loop. */
const SLICE = 2_000;

/**
 * Recognises a long software list against the catalog and the lists a slice at a time,
 * before the ingest transaction: the transaction then finds each program in their
 * caches, instead of holding the event loop while it matches 20,000 new names.
 */
export async function warmRecognition(software: readonly SoftwareItem[], catalog: CompiledCatalog, lists: CompiledLists): Promise<void> {
  for (let i = 0; i < software.length; i += SLICE) {
    for (const item of software.slice(i, i + SLICE)) {
      catalog.recogniseSoftware(item);
      lists.listed(item, []);
    }
    await yieldToEventLoop();
  }
}
