import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import type { Job } from 'bullmq';
import { HANDLES_JOB, JobHandler } from './job-handler';
import { JobName } from './job-names';

export class JobRegistryError extends Error {
  override readonly name = 'JobRegistryError';
}

/**
 * Finds the handler of every job name at start-up and routes each job to it.
 * A job name with no handler, or with two, stops the worker before it takes
 * any job.
 */
@Injectable()
export class JobDispatcher implements OnModuleInit {
  private handlers = new Map<JobName, JobHandler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const found = this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.metatype && wrapper.instance)
      .map((wrapper) => ({
        name: this.reflector.get<JobName | undefined>(HANDLES_JOB, wrapper.metatype as Function),
        instance: wrapper.instance as JobHandler,
      }))
      .filter((entry): entry is { name: JobName; instance: JobHandler } => entry.name !== undefined);
    this.handlers = buildJobRegistry(found);
  }

  async dispatch(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name as JobName);
    if (!handler) throw new JobRegistryError(`No handler for job "${job.name}"`);
    return handler.run(job.data, job);
  }
}

export function buildJobRegistry(found: { name: JobName; instance: JobHandler }[]): Map<JobName, JobHandler> {
  const registry = new Map<JobName, JobHandler>();
  for (const { name, instance } of found) {
    if (registry.has(name)) throw new JobRegistryError(`Job "${name}" has two handlers`);
    registry.set(name, instance);
  }
  const missing = Object.values(JobName).filter((name) => !registry.has(name));
  if (missing.length > 0) throw new JobRegistryError(`No handler for job(s): ${missing.join(', ')}`);
  return registry;
}
