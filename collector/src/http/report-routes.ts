import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { renderReport } from '../reports/formats/index.js';
import { ReportFormat, ReportLang, ReportName, ReportTable } from '../schema/reports.js';
import { makeReport } from '../service/report-service.js';
import { principalOf } from './auth-plugin.js';
import { contentDisposition } from './content-disposition.js';
import { errorResponses } from './error-responses.js';

export interface ReportRouteOptions {
  staleAfterMs: number;
}

const Params = Type.Object({ name: ReportName });
const Query = Type.Object({
  unit: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  asOf: Type.Optional(Type.String({ minLength: 10, maxLength: 40, description: 'YYYY-MM-DD (end of that day, China time) or an ISO date-time; default now' })),
  since: Type.Optional(Type.String({ minLength: 10, maxLength: 40, description: "notice: the earlier date to compare with (the last notice); ledger: where its installs and removals start (default: the year's start)" })),
  spotCheck: Type.Optional(Type.Integer({ minimum: 1, description: "spotcheck-register, spotcheck-summary: the spot check (default: the unit's latest)" })),
  format: Type.Optional(ReportFormat),
  lang: Type.Optional(ReportLang),
});
const FileBytes = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'CSV (UTF-8 with BOM), XLSX or DOCX' });

/** The campaign's forms, made from the machines' verdicts; a viewer gets its own subtree only. */
const reportRoutes: FastifyPluginAsyncTypebox<ReportRouteOptions> = async (app, opts) => {
  app.addHook('onRequest', app.authenticate);
  const deps = { ...app.registry, staleAfterMs: opts.staleAfterMs };

  app.get(
    '/reports/:name',
    {
      schema: {
        tags: ['reports'],
        summary: 'A campaign form (statistics, responsibles, notice, machine-sheets, procurement, annual, ledger, spotcheck-register, spotcheck-summary) for a unit and its subtree, as of a date: JSON, CSV, XLSX, or DOCX (the notice draft, the spot check register); Chinese unless lang=en',
        params: Params,
        querystring: Query,
        produces: ['application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
        response: { 200: Type.Union([ReportTable, FileBytes]), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { format = 'json', lang = 'zh', unit, asOf, since, spotCheck } = request.query;
      const table = await makeReport(deps, principalOf(request), { name: request.params.name, lang, ...(unit ? { unit } : {}), ...(asOf ? { asOf } : {}), ...(since ? { since } : {}), ...(spotCheck ? { spotCheck } : {}) });
      if (format === 'json') return table;
      const file = await renderReport(table, format, lang);
      return reply.header('content-type', file.contentType).header('content-disposition', contentDisposition(file.fileName)).send(file.body);
    },
  );
};

export default reportRoutes;
