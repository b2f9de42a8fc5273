/**
 * GET /v1/decisions/:decisionId/notice — the adverse-action notice a declined or referred applicant would receive,
 * in the language asked for (`?lang=` first, else Accept-Language): JSON with each reason, or the notice as plain
 * text (`?format=text` or `Accept: text/plain`). Whoever may read the decision may read its notice.
 * POST …/notice/issue — the lender says it sent the notice: recorded in the audit log (codes, language, a hash of
 * the text) by whoever may decide applications (the origination system that sends it, or an admin).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Identifier } from '../../core/index.js';
import { negotiateLanguage } from '../../i18n/index.js';
import { NOTICE_FACTORS, type NoticeService } from '../../notices/index.js';
import { actorOf, caller } from '../auth.js';
import { ProblemSchema } from './problem-schema.js';

const Lang = Type.Union([Type.Literal('en'), Type.Literal('zh-CN')]);

const NoticeSchema = Type.Object(
  {
    decisionId: Type.String(),
    applicationId: Type.String(),
    outcome: Type.Union([Type.Literal('decline'), Type.Literal('review')]),
    language: Lang,
    lender: Type.String({ description: "the tenant's name" }),
    currency: Type.String({ description: 'ISO 4217: the tenant lends in it, amounts are written in it' }),
    decidedAt: Type.String({ format: 'date-time' }),
    title: Type.String(),
    date: Type.String({ description: 'the decision date as written in the notice' }),
    application: Type.String({ description: 'the application line: amount applied for and term' }),
    statement: Type.String(),
    reasons: Type.Array(
      Type.Object({
        factor: Type.Union(NOTICE_FACTORS.map((f) => Type.Literal(f))),
        text: Type.String({ description: 'what the applicant reads' }),
        codes: Type.Array(Type.String(), {
          description: "the stored reason codes behind it, for the lender's staff; never printed on the notice",
        }),
        worded: Type.Boolean({ description: 'false: a code with no consumer wording, read as the generic POLICY' }),
      }),
      { maxItems: 4 },
    ),
    rights: Type.String(),
    text: Type.String({ description: 'the whole notice as plain text' }),
  },
  { title: 'AdverseActionNotice' },
);

/** Plain text when asked by `format`, or when the Accept header prefers it to JSON. */
const wantsText = (format: string | undefined, accept: string | undefined) =>
  format === 'text' ||
  (format === undefined && !!accept && /\btext\/plain\b/.test(accept) && !/\bapplication\/json\b/.test(accept));

export function decisionNoticeRoutes(notices: NoticeService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/:decisionId/notice/issue',
      {
        config: { permission: 'decisions:create' },
        schema: {
          summary: 'Record that the adverse-action notice was issued to the applicant',
          description:
            'Composes the notice in `lang` and appends `notice.issued` to the audit log: the decision, language, ' +
            'channel, the reasons as factors and codes, and the SHA-256 of the exact text (the log never holds the ' +
            'text). Each call is one issue. An approved decision has no notice (409).',
          tags: ['decisions'],
          operationId: 'issueDecisionNotice',
          params: Type.Object({ decisionId: Identifier }),
          body: Type.Object(
            {
              lang: Lang,
              channel: Type.Optional(
                Type.String({
                  minLength: 1,
                  maxLength: 32,
                  pattern: '^[a-z][a-z0-9-]*$',
                  description: 'how it was sent: letter, sms, email, app…',
                }),
              ),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object(
              {
                notice: NoticeSchema,
                audit: Type.Object({ seq: Type.Integer(), at: Type.String(), hash: Type.String() }),
                textSha256: Type.String({ description: 'SHA-256 (hex) of notice.text as UTF-8' }),
              },
              { title: 'IssuedNotice' },
            ),
            404: ProblemSchema,
            409: ProblemSchema,
          },
        },
      },
      async (request) => {
        const auth = caller(request);
        const { lang, channel } = request.body;
        return notices.issue(auth.tenantId, request.params.decisionId, lang, {
          actor: actorOf(auth),
          ...(channel ? { channel } : {}),
        });
      },
    );

    app.get(
      '/:decisionId/notice',
      {
        config: { permission: 'decisions:read' },
        schema: {
          summary: 'The adverse-action notice of a declined or referred decision',
          description:
            'Up to four principal reasons in plain language, ranked (the reasons that decided, then the models’ ' +
            'factors by points lost), one per factor; fraud, list, device and graph reasons are all worded as ' +
            '"we could not verify the information provided". Language: `lang`, else Accept-Language (zh-CN or en). ' +
            'An approved decision has no notice (409).',
          tags: ['decisions'],
          operationId: 'getDecisionNotice',
          params: Type.Object({ decisionId: Identifier }),
          querystring: Type.Object(
            {
              lang: Type.Optional(
                Type.Union([Type.Literal('en'), Type.Literal('zh-CN')], { description: 'en or zh-CN' }),
              ),
              format: Type.Optional(
                Type.Union([Type.Literal('json'), Type.Literal('text')], { description: 'json (default) or text' }),
              ),
            },
            { additionalProperties: false },
          ),
          response: {
            200: {
              description: 'The notice',
              content: {
                'application/json': { schema: NoticeSchema },
                'text/plain': { schema: Type.String({ description: 'the notice as the applicant reads it' }) },
              },
            },
            404: ProblemSchema,
            409: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const language = request.query.lang ?? negotiateLanguage(request.headers['accept-language']);
        reply.header('content-language', language).header('vary', 'accept, accept-language');
        const notice = await notices.notice(caller(request).tenantId, request.params.decisionId, language);
        if (wantsText(request.query.format, request.headers.accept))
          return reply.type('text/plain; charset=utf-8').send(notice.text);
        return reply.type('application/json; charset=utf-8').send(notice);
      },
    );
  };
}
