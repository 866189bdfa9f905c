import { registerAs } from '@nestjs/config';
import { IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';
import { validateEnv } from './validate-env';

class HttpEnv {
  @IsString()
  @IsNotEmpty({ message: 'HTTP_HOST must be a host name or address' })
  HTTP_HOST: string = '127.0.0.1';

  @IsInt({ message: 'HTTP_PORT must be a port number' })
  @Min(0, { message: 'HTTP_PORT must be a port number' })
  @Max(65535, { message: 'HTTP_PORT must be a port number' })
  HTTP_PORT: number = 3000;

  /** Fastify's trustProxy: "false", "true", a hop count or a comma-separated list of addresses/CIDRs. */
  @IsString({ message: 'HTTP_TRUST_PROXY must be false, true, a hop count or a list of addresses' })
  HTTP_TRUST_PROXY: string = 'false';
}

function parseTrustProxy(value: string): boolean | number | string[] {
  if (value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((part) => part.trim());
}

export const httpConfig = registerAs('http', () => {
  const env = validateEnv(HttpEnv);
  return { host: env.HTTP_HOST, port: env.HTTP_PORT, trustProxy: parseTrustProxy(env.HTTP_TRUST_PROXY) };
});
