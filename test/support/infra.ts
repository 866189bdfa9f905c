/** What global-setup prepared, as test files see it. */
export interface TestInfra {
  ownerUrl: string;
  appUrl: string;
  template: string;
  redisUrl: string;
  stopPostgres?: () => Promise<void>;
  stopRedis: () => Promise<void>;
}

export function testInfra(): Omit<TestInfra, 'stopPostgres' | 'stopRedis'> {
  const raw = process.env.TEST_INFRA;
  if (!raw)
    throw new Error('Run integration and end-to-end tests through jest (global-setup prepares PostgreSQL and Redis)');
  return JSON.parse(raw);
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
