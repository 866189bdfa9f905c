import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { opsConfig } from '@lib/config';
import { JobQueue } from '@lib/queue';
import { createServer, Server } from 'node:http';
import { Registry } from 'prom-client';
import { hasBasicCredentials, registerQueueDepth } from '@lib/metrics';

/**
 * The worker has no HTTP API; when WORKER_METRICS_PORT is set it serves its
 * Prometheus metrics (job durations, queue depth) there, behind the
 * operators' credentials.
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    @Inject(opsConfig.KEY) private readonly ops: ConfigType<typeof opsConfig>,
    private readonly registry: Registry,
    private readonly jobs: JobQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.ops.workerMetricsPort || !this.ops.password) return;
    registerQueueDepth(this.registry, this.jobs);
    this.server = createServer((request, response) => {
      if (!hasBasicCredentials(request.headers.authorization, this.ops.user, this.ops.password!)) {
        response.writeHead(401, { 'www-authenticate': 'Basic realm="operators"' }).end();
        return;
      }
      if (request.url !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      this.registry
        .metrics()
        .then((body) => response.writeHead(200, { 'content-type': this.registry.contentType }).end(body))
        .catch(() => response.writeHead(500).end());
    });
    await new Promise<void>((listening) => this.server!.listen(this.ops.workerMetricsPort, listening));
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((closed) => (this.server ? this.server.close(() => closed()) : closed()));
  }
}
