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
  refuseCostlyPages as costlyPagesRefuser,
  refuseJsonDocuments,
  refuseUnusableText,
} from '@lib/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError, NoSchemaIntrospectionCustomRule, ValidationContext, ValidationRule } from 'graphql';
import { API_SCHEMA_OPTIONS } from './schema-options';

export const GRAPHQL_PATH = '/graphql';

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
          autoSchemaFile: true,
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
          errorFormatter: (execution) =>
            formatGraphqlResponse(execution, {
              exposeInternals: !app.isProduction,
              hideSuggestions: !graphql.introspection,
            }),
          hooks: {
            preValidation: refuseJsonDocuments,
            preExecution: async (schema, document, context, variables) => {
              await refuseUnusableText(schema, document, context, variables);
              await refuseCostlyPages(schema, document, context, variables);
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
