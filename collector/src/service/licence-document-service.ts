import { createHash } from 'node:crypto';
import type { LicenceDocumentInfo, LicenceDocumentUpload } from '../schema/licences.js';
import type { LicenceDocument } from '../store/registry-types.js';
import { assertAdmin, type Caller } from './access.js';
import { InvalidInputError, NotFoundError, PayloadTooLargeError } from './errors.js';
import { visibleLicence } from './licence-service.js';
import { existingLicence, licenceTarget } from './licence-write.js';
import { writeBy, type RegistryDeps } from './registry-deps.js';

/** The licence document (授权文本): a scan or PDF kept with its SHA-256, at most 10 MiB. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/**
 * The bytes of standard base64; line breaks (as `base64` tools write them) are allowed.
 * Buffer.from would skip any character it does not know, so a damaged file is caught here.
 */
export function decodeBase64(text: string): Buffer {
  const compact = text.replace(/[\r\n\t ]+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
    throw new InvalidInputError('contentBase64 is not valid base64');
  }
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.length === 0) throw new InvalidInputError('contentBase64 holds no bytes');
  return bytes;
}

export async function putLicenceDocument(
  deps: RegistryDeps,
  who: Caller,
  id: number,
  upload: LicenceDocumentUpload,
): Promise<LicenceDocumentInfo> {
  assertAdmin(who);
  await visibleLicence(deps, who, id);
  const content = decodeBase64(upload.contentBase64);
  return storeDocument(deps, who, id, { fileName: upload.fileName, mediaType: upload.mediaType, content });
}

/**
 * Stores bytes already in hand (the CLI reads a file), with their hash and size. A
 * document changes no verdict: audited, but the registry revision stays and no
 * re-judge is owed.
 */
export async function storeDocument(
  deps: RegistryDeps,
  who: Caller,
  id: number,
  doc: { fileName: string; mediaType: string; content: Buffer },
): Promise<LicenceDocumentInfo> {
  assertAdmin(who);
  if (doc.content.length > MAX_DOCUMENT_BYTES) throw new PayloadTooLargeError(MAX_DOCUMENT_BYTES, 'the licence document');
  if (doc.content.length === 0) throw new InvalidInputError('the licence document is empty');
  const w = writeBy(deps, who);
  return deps.store.transaction(async (tx) => {
    await existingLicence(tx, id);
    const previous = await tx.licenceDocuments.get(id);
    const stored = {
      ...doc,
      sha256: createHash('sha256').update(doc.content).digest('hex'),
      size: doc.content.length,
      storedAt: w.at,
      storedBy: w.actor,
    };
    await tx.licenceDocuments.put(id, stored);
    const { content: _bytes, ...info } = stored;
    await tx.audit.record({
      at: w.at,
      actor: w.actor,
      action: 'licence.document',
      target: licenceTarget(id),
      detail: { after: info, ...(previous ? { before: { fileName: previous.fileName, sha256: previous.sha256, size: previous.size } } : {}) },
    });
    return info;
  });
}

export async function getLicenceDocument(deps: RegistryDeps, who: Caller, id: number): Promise<LicenceDocument> {
  await visibleLicence(deps, who, id);
  const doc = await deps.store.read.licenceDocuments.get(id);
  if (!doc) throw new NotFoundError(`the document of licence #${id}`);
  return doc;
}
