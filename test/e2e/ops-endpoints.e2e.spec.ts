import { startTestApi, TestApi } from '../support/api';

const OPS_PASSWORD = 'a long operator password';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe("operators' endpoints: queue dashboard and metrics", () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ OPS_PASSWORD });
  });

  afterAll(() => api.close());

  it('serves Prometheus metrics with the depth of every queue, to operators only', async () => {
    expect((await fetch(`${api.url}/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${api.url}/metrics`, { headers: { authorization: basic('ops', 'wrong password here!') } })).status,
    ).toBe(401);
    const response = await fetch(`${api.url}/metrics`, { headers: { authorization: basic('ops', OPS_PASSWORD) } });
    expect(response.status).toBe(200);
    const body = await response.text();
    for (const queue of ['maintenance', 'follow-up', 'notifications']) {
      expect(body).toContain(`queue_jobs{queue="${queue}",state="waiting"}`);
    }
    expect(body).toContain('process_resident_memory_bytes');
  });

  it('serves the queue dashboard behind the same credentials', async () => {
    expect((await fetch(`${api.url}/admin/queues`)).status).toBe(401);
    const page = await fetch(`${api.url}/admin/queues`, { headers: { authorization: basic('ops', OPS_PASSWORD) } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    const queues = await fetch(`${api.url}/admin/queues/api/queues`, {
      headers: { authorization: basic('ops', OPS_PASSWORD) },
    });
    expect(queues.status).toBe(200);
    const names = ((await queues.json()) as { queues: { name: string }[] }).queues.map((queue) => queue.name);
    expect(names.sort()).toEqual(['follow-up', 'maintenance', 'notifications']);
  });

  it('mounts neither without an operator password', async () => {
    const closed = await startTestApi({ OPS_PASSWORD: '' });
    try {
      expect((await fetch(`${closed.url}/metrics`)).status).toBe(404);
      expect((await fetch(`${closed.url}/admin/queues`)).status).toBe(404);
    } finally {
      await closed.close();
    }
  });
});
