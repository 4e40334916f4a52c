import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams } from '../schema/common.js';
import { LicenceDocumentInfo, LicenceDocumentUpload } from '../schema/licences.js';
import { getLicenceDocument, putLicenceDocument } from '../service/licence-document-service.js';
import { principalOf } from './auth-plugin.js';
import { errorResponses } from './error-responses.js';

/** Room for 10 MiB as base64 (4/3 larger) plus the JSON around it. */
const BODY_LIMIT = 15 * 1024 * 1024;

const DocumentBytes = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The stored file, as uploaded' });

/**
 * `attachment; filename="____.pdf"; filename*=UTF-8''%E6%8E%88%E6%9D%83.pdf`: an ASCII
 * stand-in for old clients, and the real name by RFC 5987 for the rest.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const tags = ['licences'];

/** The licence document (授权文本): stored with its SHA-256, given back byte for byte. */
const licenceDocumentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.registry;

  app.put(
    '/licences/:id/document',
    {
      bodyLimit: BODY_LIMIT,
      schema: {
        tags,
        summary: 'Store the licence document (admin), base64, at most 10 MiB; replaces the one before',
        params: IdParams,
        body: LicenceDocumentUpload,
        response: { 200: LicenceDocumentInfo, ...errorResponses },
      },
    },
    async (request) => putLicenceDocument(deps, principalOf(request), request.params.id, request.body),
  );

  app.get(
    '/licences/:id/document',
    {
      schema: {
        tags,
        summary: 'The licence document, with X-Content-SHA256',
        params: IdParams,
        produces: ['application/octet-stream'],
        response: { 200: DocumentBytes, ...errorResponses },
      },
    },
    async (request, reply) => {
      const doc = await getLicenceDocument(deps, principalOf(request), request.params.id);
      return reply
        .header('content-type', doc.mediaType)
        .header('x-content-sha256', doc.sha256)
        .header('content-disposition', contentDisposition(doc.fileName))
        .send(doc.content);
    },
  );
};

export default licenceDocumentRoutes;
