import { registerAs } from '@nestjs/config';
import { IsIn, IsInt, Min } from 'class-validator';
import { validateEnv } from './validate-env';

const SWITCH = ['auto', 'true', 'false'] as const;

class GraphqlEnv {
  @IsInt({ message: 'GRAPHQL_MAX_DEPTH must be a positive integer' })
  @Min(1, { message: 'GRAPHQL_MAX_DEPTH must be a positive integer' })
  GRAPHQL_MAX_DEPTH: number = 10;

  @IsInt({ message: 'GRAPHQL_MAX_COST must be a positive integer' })
  @Min(1, { message: 'GRAPHQL_MAX_COST must be a positive integer' })
  /**
   * graphql-armor's cost: about 6,400 for the counselor dashboard with a page of 20 candidates, 32,000 with
   * a page of 100 (the largest page): the limit lets the product's own heaviest query through at any page
   * size, and nothing much heavier.
   */
  GRAPHQL_MAX_COST: number = 40000;

  @IsInt({ message: 'GRAPHQL_MAX_ALIASES must be a positive integer' })
  @Min(0, { message: 'GRAPHQL_MAX_ALIASES must be a positive integer' })
  GRAPHQL_MAX_ALIASES: number = 15;

  /**
   * Tokens in one document. Parsing is synchronous: a 1 MB document of tiny
   * tokens holds the event loop for most of a second, so it is cut off first.
   */
  @IsInt({ message: 'GRAPHQL_MAX_TOKENS must be a positive integer' })
  @Min(1, { message: 'GRAPHQL_MAX_TOKENS must be a positive integer' })
  GRAPHQL_MAX_TOKENS: number = 100_000;

  /** "auto": on outside production, off in production. */
  @IsIn(SWITCH, { message: 'GRAPHQL_INTROSPECTION must be auto, true or false' })
  GRAPHQL_INTROSPECTION: (typeof SWITCH)[number] = 'auto';
}

export const graphqlConfig = registerAs('graphql', () => {
  const env = validateEnv(GraphqlEnv);
  const production = process.env.NODE_ENV === 'production';
  const introspection = env.GRAPHQL_INTROSPECTION === 'auto' ? !production : env.GRAPHQL_INTROSPECTION === 'true';
  return {
    maxDepth: env.GRAPHQL_MAX_DEPTH,
    maxCost: env.GRAPHQL_MAX_COST,
    maxAliases: env.GRAPHQL_MAX_ALIASES,
    maxTokens: env.GRAPHQL_MAX_TOKENS,
    introspection,
  };
});
