import { authConfig, ConfigError, graphqlConfig, httpConfig, validateEnv } from '@lib/config';
import { IsInt, Min } from 'class-validator';

class SampleEnv {
  @IsInt({ message: 'SAMPLE_COUNT must be an integer' })
  @Min(1, { message: 'SAMPLE_COUNT must be an integer' })
  SAMPLE_COUNT: number = 3;
}

describe('configuration', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('applies defaults for missing and empty variables, and converts types', () => {
    expect(validateEnv(SampleEnv, {}).SAMPLE_COUNT).toBe(3);
    expect(validateEnv(SampleEnv, { SAMPLE_COUNT: '' }).SAMPLE_COUNT).toBe(3);
    expect(validateEnv(SampleEnv, { SAMPLE_COUNT: '12' }).SAMPLE_COUNT).toBe(12);
  });

  it('refuses a malformed variable with one line naming it', () => {
    expect(() => validateEnv(SampleEnv, { SAMPLE_COUNT: 'twelve' })).toThrow(ConfigError);
    expect(() => validateEnv(SampleEnv, { SAMPLE_COUNT: 'twelve' })).toThrow(
      /^Invalid configuration: SAMPLE_COUNT must be an integer/,
    );
  });

  it('requires a JWT secret of at least 32 characters', () => {
    process.env.AUTH_JWT_SECRET = 'short';
    expect(() => authConfig()).toThrow(/AUTH_JWT_SECRET/);
    process.env.AUTH_JWT_SECRET = 's'.repeat(32);
    expect(authConfig().jwtSecret).toHaveLength(32);
  });

  it('caps access tokens at 15 minutes', () => {
    process.env.AUTH_JWT_SECRET = 's'.repeat(32);
    process.env.AUTH_ACCESS_TOKEN_TTL_SECONDS = '3600';
    expect(() => authConfig()).toThrow(/AUTH_ACCESS_TOKEN_TTL_SECONDS/);
  });

  it('turns introspection off in production unless asked', () => {
    process.env.NODE_ENV = 'production';
    delete process.env.GRAPHQL_INTROSPECTION;
    expect(graphqlConfig().introspection).toBe(false);
    process.env.NODE_ENV = 'development';
    expect(graphqlConfig().introspection).toBe(true);
  });

  it('reads the trusted proxies', () => {
    process.env.HTTP_TRUST_PROXY = '10.0.0.0/8, 127.0.0.1';
    expect(httpConfig().trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    process.env.HTTP_TRUST_PROXY = '2';
    expect(httpConfig().trustProxy).toBe(2);
    process.env.HTTP_TRUST_PROXY = 'false';
    expect(httpConfig().trustProxy).toBe(false);
  });
});
