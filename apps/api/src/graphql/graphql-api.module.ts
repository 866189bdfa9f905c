import { Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, MercuriusDriverConfig } from '@nestjs/mercurius';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { appConfig, graphqlConfig } from '@lib/config';
import {
  formatGraphqlResponse,
  GraphqlContext,
  keepJitToPlainQueries,
  refuseCostlyPages as costlyPagesRefuser,
  refuseJsonDocuments,
  refuseUnusableText,
  withPlainFieldsUnresolved,
} from '@lib/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError, NoSchemaIntrospectionCustomRule, ValidationContext, ValidationRule } from 'graphql';
import { API_SCHEMA_OPTIONS } from './schema-options';

export const GRAPHQL_PATH = '/graphql';

/**
 * Queries a client repeats are compiled by graphql-jit, in the background,
 * from their third run: the counselor's dashboard (hundreds of fields) then
 * costs the API a fifth less CPU. Adaptive, so that every request still has
 * its variables checked by graphql-js first, exactly as before. Compiled as
 * soon as the event loop has any slack (the default waits for it to be under
 * 80% busy, which under a steady load never comes, while every request run
 * before the compilation pays the uncompiled price). Only the queries
 * graphql-jit answers exactly as graphql-js are: see keepJitToPlainQueries.
 */
const JIT = { eluThreshold: 1 };

/** graphql-armor's rules throw by default; reported instead, they become ordinary validation errors. */
const REPORT = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
};

function validationRules(config: ConfigType<typeof graphqlConfig>): ValidationRule[] {
  const limits = [
    maxDepthRule({ n: config.maxDepth, ...REPORT }),
    costLimitRule({ maxCost: config.maxCost, ...REPORT }),
    maxAliasesRule({ n: config.maxAliases, ...REPORT }),
  ] as ValidationRule[];
  return config.introspection ? limits : [...limits, NoSchemaIntrospectionCustomRule];
}

/**
 * GraphQL at /graphql on Mercurius. Each operation runs in the request's one
 * transaction: committed when the operation has no error, rolled back
 * otherwise, before the response is sent.
 */
@Module({
  imports: [
    GraphQLModule.forRootAsync<MercuriusDriverConfig>({
      driver: MercuriusDriver,
      inject: [graphqlConfig.KEY, appConfig.KEY],
      useFactory: (graphql: ConfigType<typeof graphqlConfig>, app: ConfigType<typeof appConfig>) => {
        const refuseCostlyPages = costlyPagesRefuser(graphql.maxCost);
        return {
          path: GRAPHQL_PATH,
          jit: JIT,
          autoSchemaFile: true,
          transformSchema: withPlainFieldsUnresolved,
          sortSchema: true,
          buildSchemaOptions: API_SCHEMA_OPTIONS,
          graphiql: !app.isProduction,
          // Counted while parsing, so an oversized document stops before it is even built.
          graphql: { parseOptions: { maxTokens: graphql.maxTokens } },
          validationRules: validationRules(graphql),
          context: (request: FastifyRequest, reply: FastifyReply): GraphqlContext => ({
            req: request,
            reply,
            ctx: request.requestContext!,
          }),
          errorFormatter: (execution, context) =>
            formatGraphqlResponse(execution, {
              exposeInternals: !app.isProduction,
              hideSuggestions: !graphql.introspection,
              request: (context as Partial<GraphqlContext> | undefined)?.req?.raw,
            }),
          hooks: {
            preValidation: refuseJsonDocuments,
            preExecution: async (schema, document, context, variables) => {
              await refuseUnusableText(schema, document, context, variables);
              await refuseCostlyPages(schema, document, context, variables);
              return keepJitToPlainQueries(schema, document);
            },
            onResolution: async (execution, context) => {
              await (context as unknown as GraphqlContext).ctx.finish(!execution.errors?.length);
            },
          },
        };
      },
    }),
  ],
})
export class GraphqlApiModule {}
