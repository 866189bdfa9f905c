import { INestApplicationContext } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardAdapter } from '@bull-board/fastify';
import { opsConfig } from '@lib/config';
import { hasBasicCredentials, registerQueueDepth } from '@lib/metrics';
import { JobQueue, QueueName } from '@lib/queue';
import type { FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * The operators' endpoints, in their own Fastify scope behind HTTP Basic
 * credentials: the queue dashboard (Bull Board) and the Prometheus metrics.
 * Without OPS_PASSWORD they are not mounted at all.
 */
export async function installOpsRoutes(fastify: FastifyInstance, app: INestApplicationContext): Promise<void> {
  const ops = opsConfig();
  if (!ops.password) return;
  const jobs = app.get(JobQueue);
  const registry = app.get<Registry>(Registry);
  registerQueueDepth(registry, jobs);

  const board = new BullBoardAdapter();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: Object.values(QueueName).map((queue) => new BullMQAdapter(jobs.queueByName(queue))),
    serverAdapter: board,
  });

  await fastify.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      if (!hasBasicCredentials(request.headers.authorization, ops.user, ops.password!)) {
        await reply.header('www-authenticate', 'Basic realm="operators"').code(401).send();
      }
    });
    scope.get('/metrics', async (_request, reply) => {
      await reply.header('content-type', registry.contentType).send(await registry.metrics());
    });
    await scope.register(board.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
  });
}
