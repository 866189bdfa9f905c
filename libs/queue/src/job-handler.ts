import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobName } from './job-names';

/** The payload of every job that works on one agency's data. */
export interface TenantJobPayload {
  agencyId: string;
}

export interface JobHandler<Payload = unknown> {
  run(payload: Payload, job: Job<Payload>): Promise<unknown>;
}

export const HANDLES_JOB = 'queue:handles-job';

/** Marks a provider as the handler of one job name. */
export const HandlesJob = (name: JobName) => SetMetadata(HANDLES_JOB, name);
