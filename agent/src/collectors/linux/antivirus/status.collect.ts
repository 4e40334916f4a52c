import type { CollectionError } from '@zhengban/shared';
import { collectionError } from '../../collection-error.js';
import { readSource, runIfInstalled } from '../../io.js';
import { LINUX_APPS } from '../../sources/linux-apps.js';
import type { LinuxContext } from '../context.js';
import { bitdefenderStatus, parseBduitool } from './bduitool.parse.js';
import { clamavStatus, parseClamscanVersion } from './clamav.parse.js';
import { mdatpStatus, parseMdatpHealth } from '../../mdatp.parse.js';
import type { StatusReader } from './products.data.js';
import { parseVlibsDate, qihoo360Status } from './qihoo360.parse.js';
import { parseSentinelctl, sentinelOneStatus } from './sentinelctl.parse.js';
import type { StatusFacts } from './status.js';

/** Status commands answer in seconds; one that hangs must not hold up the scan. */
const TIMEOUT_MS = 15_000;

export interface StatusResult {
  /** undefined: the command is not installed (a probe that found nothing) or told nothing. */
  facts?: StatusFacts;
  error?: CollectionError;
}

type Reader = (ctx: LinuxContext) => Promise<StatusFacts | undefined>;

/**
 * One reader per product that can tell its own state. A command that is not installed
 * means "absent" (undefined), never an error; a command that fails or prints what we
 * cannot read is a collection error, and the package and daemon facts stand.
 */
const READERS: Readonly<Record<StatusReader, Reader>> = {
  async clamav(ctx) {
    const out = await runIfInstalled(ctx.io, LINUX_APPS.clamscanVersion, { timeoutMs: TIMEOUT_MS });
    const v = out === undefined ? undefined : parseClamscanVersion(out);
    return v ? clamavStatus(v, ctx.now) : undefined;
  },
  async mdatp(ctx) {
    const out = await runIfInstalled(ctx.io, LINUX_APPS.mdatpHealth, { timeoutMs: TIMEOUT_MS });
    return out === undefined ? undefined : mdatpStatus(parseMdatpHealth(out), ctx.now);
  },
  async bitdefender(ctx) {
    const out = await runIfInstalled(ctx.io, LINUX_APPS.bduitool, { timeoutMs: TIMEOUT_MS });
    return out === undefined ? undefined : bitdefenderStatus(parseBduitool(out));
  },
  async sentinelone(ctx) {
    const version = await runIfInstalled(ctx.io, LINUX_APPS.sentinelctlVersion, { timeoutMs: TIMEOUT_MS });
    if (version === undefined) return undefined;
    const control = await runIfInstalled(ctx.io, LINUX_APPS.sentinelctlControl, { timeoutMs: TIMEOUT_MS });
    return sentinelOneStatus(parseSentinelctl(`${version}\n${control ?? ''}`));
  },
  async qihoo360(ctx) {
    const text = await readSource(ctx.io, LINUX_APPS.qihoo360VlibsVer);
    return text === null ? undefined : qihoo360Status(parseVlibsDate(text), ctx.now);
  },
};

export async function readStatus(ctx: LinuxContext, reader: StatusReader, product: string): Promise<StatusResult> {
  try {
    const facts = await READERS[reader](ctx);
    return facts ? { facts } : {};
  } catch (err) {
    return { error: collectionError(`linux:antivirus:${product}`, err) };
  }
}
