import { bullPrefix, jobId, JobName, QueueName } from '@lib/queue';
import { QueueKeys } from 'bullmq';
import calculateSlot from 'cluster-key-slot';

/**
 * Redis Cluster runs a Lua script only when every key it names hashes to one slot. Each BullMQ command is such
 * a script over a queue's keys (and a job's own keys, named `<prefix>:<queue>:<job id>`), so every key of the
 * product's queues must share a slot: the hash tag of `bullPrefix` is what does it.
 */
function keysOf(prefix: string): string[] {
  return Object.values(QueueName).flatMap((queue) => [
    ...Object.values(new QueueKeys(prefix).getKeys(queue)),
    `${prefix}:${queue}:${jobId(JobName.ESCALATE_AGENCY, 'sweep-1', '0b6f2a3e-3d8c-4e55-a9f8-6d1e4c2b7a10')}`,
    `${prefix}:${queue}:repeat:${JobName.ESCALATION_SWEEP}`,
  ]);
}

const slotsOf = (keys: string[]) => new Set(keys.map((key) => calculateSlot(key)));

describe('the queue key prefix', () => {
  it('puts every key of every queue in one Redis Cluster hash slot', () => {
    for (const keyPrefix of ['recruiting', 'chaos-1a2b3c4d', 'tenant:eu-west']) {
      const keys = keysOf(bullPrefix(keyPrefix));
      expect(keys.length).toBeGreaterThan(50);
      expect(slotsOf(keys).size).toBe(1);
    }
  });

  it('would spread them over many slots without the hash tag', () => {
    expect(slotsOf(keysOf('recruiting:bull')).size).toBeGreaterThan(10);
  });
});
