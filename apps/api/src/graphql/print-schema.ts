import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { AgencyPolicyResolver } from '@lib/agency-policy';
import { ApplicationsResolver, CandidateApplicationsResolver } from '@lib/applications';
import { AuditResolver } from '@lib/audit';
import { AuthResolver, UserAgencyResolver, UserDeactivationResolver } from '@lib/auth';
import { CandidatesResolver } from '@lib/candidates';
import { EmployersResolver, PositionEmployerResolver } from '@lib/employers';
import { ApplicationEscalationsResolver, EscalationsResolver } from '@lib/escalations';
import { ApplicationFollowUpsResolver, FollowUpsResolver } from '@lib/follow-ups';
import { ApplicationInterviewsResolver, DebriefsResolver, InterviewsResolver } from '@lib/interviews';
import { ApplicationNextStepResolver } from '@lib/next-steps';
import { WebhooksResolver } from '@lib/notifications';
import { PortalActionsResolver, PortalResolver } from '@lib/portal';
import { PipelineReportsResolver } from '@lib/reports';
import { ApplicationReferenceSignalsResolver, ReferenceSignalsResolver } from '@lib/references';
import { ApplicationTasksResolver, TasksResolver } from '@lib/tasks';
import { ApplicationTimelineResolver } from '@lib/timeline';
import { UsersResolver } from '@lib/users';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { API_SCHEMA_OPTIONS } from './schema-options';

/**
 * Every resolver the API serves. The end-to-end suite compares the running
 * API's schema with schema.gql, so a resolver missing here shows up there.
 */
export const API_RESOLVERS: Function[] = [
  AuthResolver,
  UserAgencyResolver,
  UserDeactivationResolver,
  UsersResolver,
  CandidatesResolver,
  EmployersResolver,
  PositionEmployerResolver,
  ApplicationsResolver,
  CandidateApplicationsResolver,
  AuditResolver,
  InterviewsResolver,
  ApplicationInterviewsResolver,
  FollowUpsResolver,
  ApplicationFollowUpsResolver,
  DebriefsResolver,
  ReferenceSignalsResolver,
  ApplicationReferenceSignalsResolver,
  TasksResolver,
  ApplicationTasksResolver,
  ApplicationTimelineResolver,
  AgencyPolicyResolver,
  ApplicationNextStepResolver,
  EscalationsResolver,
  ApplicationEscalationsResolver,
  WebhooksResolver,
  PortalResolver,
  PortalActionsResolver,
  PipelineReportsResolver,
];

/** The schema as committed in schema.gql: sorted, so that its diff shows only real changes. */
export async function printCommittedSchema(): Promise<string> {
  const app = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  try {
    await app.init();
    const schema = await app.get(GraphQLSchemaFactory).create(API_RESOLVERS, API_SCHEMA_OPTIONS);
    return `${printSchema(lexicographicSortSchema(schema))}\n`;
  } finally {
    await app.close();
  }
}
