import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RejudgeSummary } from '../schema/common.js';
import { SoftwareChanges, VerdictHistory } from '../schema/history.js';
import { ReviewList } from '../schema/lists.js';
import { assertAdmin } from '../service/access.js';
import { machineHistory, reviewList } from '../service/verdict-service.js';
import { principalOf } from './auth-plugin.js';
import { errorResponses } from './error-responses.js';

const MachineParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
const Limit = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) });
const ReviewQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});

/** Verdict history, software changes, the review list of unrecognised software, and a manual re-judge. */
const verdictRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);
  const deps = app.registry;

  app.get(
    '/machines/:id/verdicts',
    { schema: { tags: ['verdicts'], summary: "A machine's verdict history, newest first", params: MachineParams, querystring: Limit, response: { 200: VerdictHistory, ...errorResponses } } },
    async (req) => ({ verdicts: await machineHistory(deps, principalOf(req), req.params.id, 'verdicts', req.query.limit ?? 100) }),
  );

  app.get(
    '/machines/:id/changes',
    { schema: { tags: ['verdicts'], summary: 'Software installed, removed or changed between snapshots', params: MachineParams, querystring: Limit, response: { 200: SoftwareChanges, ...errorResponses } } },
    async (req) => ({ changes: await machineHistory(deps, principalOf(req), req.params.id, 'changes', req.query.limit ?? 200) }),
  );

  app.get(
    '/review/software',
    { schema: { tags: ['verdicts'], summary: 'Installed software no catalog product or list entry accounts for', querystring: ReviewQuery, response: { 200: ReviewList, ...errorResponses } } },
    async (req) => reviewList(deps, principalOf(req), req.query.limit ?? 100, req.query.offset ?? 0),
  );

  app.post(
    '/rejudge',
    { schema: { tags: ['verdicts'], summary: 'Judge every machine again (admin)', response: { 200: Type.Object({ rejudged: RejudgeSummary }), ...errorResponses } } },
    async (req) => {
      const who = principalOf(req);
      assertAdmin(who);
      const rejudged = await deps.rejudge({ trigger: 'manual', detail: `requested by token:${who.tokenId}`, reassess: 'all' });
      await deps.store.transaction((tx) => tx.audit.record({ at: deps.now().toISOString(), actor: `token:${who.tokenId}`, action: 'rejudge', target: null, detail: { ...rejudged } }));
      return { rejudged };
    },
  );
};

export default verdictRoutes;
