import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams } from '../schema/common.js';
import { LicenceDocumentInfo, LicenceDocumentUpload } from '../schema/licences.js';
import { getLicenceDocument, putLicenceDocument } from '../service/licence-document-service.js';
import { principalOf } from './auth-plugin.js';
import { contentDisposition } from './content-disposition.js';
import { errorResponses } from './error-responses.js';

/** Room for 10 MiB as base64 (4/3 larger) plus the JSON around it. */
const BODY_LIMIT = 15 * 1024 * 1024;

const DocumentBytes = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The stored file, as uploaded' });

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
