import { createHash } from 'node:crypto';
import { ManifestBuilder, openBundleWriter, type BundleManifest, type BundleWriter } from '@zhengban/shared';
import { UsageError } from '../config/errors.js';
import { OfflineFileError } from './errors.js';
import { bundleInputs, readBundle } from './read-bundle.js';

export interface MergeOutcome {
  file: string;
  manifest: BundleManifest;
  inputs: number;
  /** Entry lines found in more than one input (the same envelope exported twice, or a bundle merged again). */
  duplicates: number;
}

const lineKey = (line: Buffer) => createHash('sha256').update(line).digest('base64');

/**
 * A relay PC gathers the bundles of a network into one. Every input is checked against
 * its manifest first, and a damaged one stops the merge with nothing written: a relay
 * that passed it on would hide where the damage happened. The inputs are read twice
 * (check and count, then write) so that no bundle is held in memory.
 */
export async function runMerge(d: { paths: readonly string[]; out: string; network?: string | undefined; createdBy: string; now: Date }): Promise<MergeOutcome> {
  const files = await bundleInputs(d.paths, d.out);
  const builder = new ManifestBuilder();
  const seen = new Set<string>();
  const networks = new Set<string>();
  let duplicates = 0;
  for (const file of files) {
    const manifest = await readBundle(file, (line, entry) => {
      const key = lineKey(line);
      if (seen.has(key)) {
        duplicates++;
        return;
      }
      seen.add(key);
      builder.add(line, entry);
    });
    networks.add(manifest.network);
  }
  const named = [...networks].filter((n) => n !== '');
  if (d.network === undefined && named.length > 1) {
    throw new UsageError(`the bundles come from networks ${named.join(', ')}; merge each network apart, or name the merged one with --network`);
  }
  const manifest = builder.finish({ createdAt: d.now.toISOString(), createdBy: d.createdBy, network: d.network ?? named[0] ?? '' });

  const written = new Set<string>();
  let writer: BundleWriter;
  try {
    writer = await openBundleWriter(d.out, manifest);
  } catch (err) {
    throw new OfflineFileError(`cannot write ${d.out}: ${(err as Error).message}`, err);
  }
  try {
    for (const file of files) {
      await readBundle(file, async (line) => {
        const key = lineKey(line);
        if (written.has(key)) return;
        written.add(key);
        await writer.write(line);
      });
    }
  } catch (err) {
    await writer.abort();
    throw err;
  }
  try {
    await writer.commit();
  } catch (err) {
    throw new OfflineFileError(`cannot write ${d.out}: ${(err as Error).message}`, err);
  }
  return { file: d.out, manifest, inputs: files.length, duplicates };
}
