import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RequestContext } from './request-context';

/** Builds request contexts and runs units of work (jobs, scripts) in one. */
@Injectable()
export class RequestContextFactory {
  constructor(private readonly dataSource: DataSource) {}

  create(requestId: string = randomUUID(), clientAddress: string | null = null): RequestContext {
    return new RequestContext(this.dataSource, requestId, clientAddress);
  }

  /**
   * Runs `work` in its own transaction scoped to one agency, as a system
   * principal: what a queue job does. Commits when `work` resolves, rolls back when it throws.
   */
  async runForAgency<T>(agencyId: string, job: string, work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    const ctx = this.create();
    ctx.authenticate({ kind: 'system', agencyId, job });
    return this.run(ctx, work);
  }

  async run<T>(ctx: RequestContext, work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    let succeeded = false;
    try {
      const result = await work(ctx);
      succeeded = true;
      return result;
    } finally {
      await ctx.finish(succeeded);
    }
  }
}
