import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LicenceImportResult } from '../schema/licences.js';
import { decodeCsvBytes } from '../service/licence-csv-codec.js';
import { exportLicences, importLicences } from '../service/licence-ledger-service.js';
import { principalOf } from './auth-plugin.js';
import { errorResponses } from './error-responses.js';

/** A ledger of many thousand rows is a few MiB. */
const CSV_LIMIT = 10 * 1024 * 1024;

const ExportQuery = Type.Object({
  /** Chinese headers and model names, for people; `en` keys for scripts. */
  lang: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('zh')])),
});
const CsvText = Type.String({ description: 'UTF-8 CSV with BOM, CRLF line ends' });

const tags = ['licences'];

/**
 * The ledger (软件资产台账) as CSV. The text/csv parser is registered here only, so no
 * other route accepts CSV; it takes the bytes and decodes UTF-8, or GB18030 as
 * Chinese Excel saves.
 */
const licenceCsvRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.registry;
  app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: CSV_LIMIT }, (_request, body, done) => {
    done(null, decodeCsvBytes(body as Buffer));
  });

  app.get(
    '/licences.csv',
    {
      schema: {
        tags,
        summary: 'Every licence the caller may read, one row each (UTF-8 with BOM; ?lang=zh for Chinese headers)',
        querystring: ExportQuery,
        produces: ['text/csv'],
        response: { 200: CsvText, ...errorResponses },
      },
    },
    async (request, reply) => {
      const csv = await exportLicences(deps, principalOf(request), request.query.lang ?? 'en');
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="licences.csv"')
        .send(csv);
    },
  );

  app.post(
    '/licences/import',
    {
      bodyLimit: CSV_LIMIT,
      schema: {
        tags,
        summary: 'Load a ledger CSV (admin): all rows or none; a bad row is named by line and column',
        consumes: ['text/csv'],
        body: Type.String({ description: 'the CSV, headers in English or Chinese' }),
        response: { 201: LicenceImportResult, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await importLicences(deps, principalOf(request), request.body)),
  );
};

export default licenceCsvRoutes;
