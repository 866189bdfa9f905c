import { BuildSchemaOptions } from '@nestjs/graphql';
import { DateTimeScalar } from '@lib/graphql';

/**
 * How the code-first schema is built, shared by the running API and
 * `npm run schema:generate`, so that schema.gql is the schema served.
 * `Date` fields and arguments are our strict DateTime, not Nest's default.
 */
export const API_SCHEMA_OPTIONS: BuildSchemaOptions = {
  scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
};
