/** Whether a request came from this machine (its address as fastify resolved it, behind a trusted proxy or not). */
import type { FastifyRequest } from 'fastify';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export const fromLoopback = (request: FastifyRequest): boolean => LOOPBACK.has(request.ip);
