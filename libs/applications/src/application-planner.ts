import { RequestContext } from '@lib/context';

/**
 * Plans an application's next step again after its history changed. Every
 * service that changes an application's history calls it in the same
 * transaction. Declared here and implemented by the follow-up engine
 * (@lib/next-steps), which depends on applications and not the other way.
 */
export abstract class ApplicationPlanner {
  abstract recompute(ctx: RequestContext, applicationId: string): Promise<unknown>;
}
