/**
 * A background job by id: its status, progress and, once done, its result (or error). Any node answers (the job
 * lives in the store). A caller who may not use the route that started the job gets 404, as for another tenant's.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Identifier, NotFoundError } from '../../core/index.js';
import type { JobRunner } from '../../jobs/index.js';
import { caller, roleMay, type Permission } from '../auth.js';
import { JobSchema } from './job-results.js';

/**
 * A job-starting route's preParsing hook: when the caller's tenant already has as many jobs open as it may, 429
 * before the body is read — a refused lookalike list or backtest CSV (up to 16 MiB) is never parsed or validated.
 */
export function roomForJob(jobs: JobRunner) {
  return async (request: FastifyRequest): Promise<void> => {
    await jobs.assertRoom(caller(request).tenantId);
  };
}

export function jobRoutes(jobs: JobRunner): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/:jobId',
      {
        config: { permission: 'decisions:read' },
        schema: {
          operationId: 'getJob',
          summary: 'A background job: status (queued, running, done, failed), progress 0..1, result or error',
          tags: ['console'],
          params: Type.Object({ jobId: Identifier }),
          response: { 200: JobSchema },
        },
      },
      async (request) => {
        const { tenantId, role } = caller(request);
        const job = await jobs.get(tenantId, request.params.jobId);
        if (!job || !roleMay(role, job.readPermission as Permission)) throw new NotFoundError('job');
        const { readPermission: _p, ...visible } = job;
        // the result was checked against its kind's schema when the job stored it (jobs/runner.ts)
        return visible as Static<typeof JobSchema>;
      },
    );
  };
}

export const AcceptedJobSchema = Type.Object(
  {
    jobId: Type.String(),
    kind: Type.String(),
    status: Type.String(),
    progress: Type.Number(),
    href: Type.String({ description: 'GET it for the progress and, once done, the result' }),
  },
  { description: 'a background job, started' },
);

/** The 202 answer of a route that started a job: where to poll, and the job as it is now. */
export function acceptedJob(job: { jobId: string; kind: string; status: string; progress: number }) {
  return {
    jobId: job.jobId,
    kind: job.kind,
    status: job.status,
    progress: job.progress,
    href: `/v1/jobs/${job.jobId}`,
  };
}
