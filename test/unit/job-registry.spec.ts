import { buildJobRegistry, JobHandler, JobName, JobRegistryError } from '@lib/queue';

const handler = (): JobHandler => ({ run: async () => undefined });
const everyJob = () => Object.values(JobName).map((name) => ({ name, instance: handler() }));

describe('the worker job registry', () => {
  it('maps every job name to its handler', () => {
    const registry = buildJobRegistry(everyJob());
    expect([...registry.keys()].sort()).toEqual(Object.values(JobName).sort());
  });

  it('refuses to start with a job that has no handler', () => {
    expect(() => buildJobRegistry(everyJob().slice(1))).toThrow(JobRegistryError);
    expect(() => buildJobRegistry(everyJob().slice(1))).toThrow(/No handler for job/);
  });

  it('refuses to start with a job that has two handlers', () => {
    const jobs = everyJob();
    expect(() => buildJobRegistry([...jobs, jobs[0]!])).toThrow(/has two handlers/);
  });
});
