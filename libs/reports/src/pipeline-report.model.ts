import { ConnectionType } from '@lib/graphql';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('ReportStage')
export class ReportStageModel {
  @Field()
  stage!: string;

  @Field(() => Int, { description: 'Applications in this stage at the end of the week' })
  count!: number;

  @Field(() => Int)
  movedIn!: number;

  @Field(() => Int)
  movedOut!: number;
}

@ObjectType('ReportCount')
export class ReportCountModel {
  @Field()
  key!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('ReportActivity', { isAbstract: true })
export class ReportActivityModel {
  @Field(() => Int)
  interviews!: number;

  @Field(() => Int)
  debriefs!: number;

  @Field(() => Int)
  followUpsMade!: number;

  @Field(() => Int)
  followUpsAnswered!: number;

  @Field(() => Float, { nullable: true, description: 'Answered / made; null when none was made' })
  responseRate!: number | null;

  @Field(() => Int)
  referenceSignals!: number;

  @Field(() => Int)
  verbalOffers!: number;

  @Field(() => Int)
  writtenOffers!: number;

  @Field(() => Int)
  placements!: number;

  @Field(() => Int)
  escalationsRaised!: number;

  @Field(() => Int)
  escalationsResolved!: number;

  @Field(() => Int, { description: 'Open at the end of the week' })
  escalationsOpen!: number;
}

@ObjectType('ReportChange', { description: 'This week minus the week before' })
export class ReportChangeModel {
  @Field(() => Int, { nullable: true }) interviews?: number;
  @Field(() => Int, { nullable: true }) debriefs?: number;
  @Field(() => Int, { nullable: true }) followUpsMade?: number;
  @Field(() => Int, { nullable: true }) followUpsAnswered?: number;
  @Field(() => Int, { nullable: true }) referenceSignals?: number;
  @Field(() => Int, { nullable: true }) verbalOffers?: number;
  @Field(() => Int, { nullable: true }) writtenOffers?: number;
  @Field(() => Int, { nullable: true }) placements?: number;
  @Field(() => Int, { nullable: true }) escalationsRaised?: number;
  @Field(() => Int, { nullable: true }) escalationsResolved?: number;
  @Field(() => Int, { nullable: true }) escalationsOpen?: number;
}

@ObjectType('ReportStalledApplication')
export class ReportStalledApplicationModel {
  @Field(() => ID)
  applicationId!: string;

  @Field(() => ID)
  candidateId!: string;

  @Field(() => String, { nullable: true, description: 'Shown to admins, and to counselors for their own candidates' })
  candidateName!: string | null;

  @Field(() => ID)
  counselorId!: string;

  @Field()
  level!: string;

  @Field()
  raisedAt!: string;
}

@ObjectType('ReportCounselor')
export class ReportCounselorModel extends ReportActivityModel {
  @Field(() => ID)
  counselorId!: string;

  @Field()
  counselorName!: string;

  @Field(() => [ReportStageModel])
  stages!: ReportStageModel[];
}

@ObjectType('PipelineReport', { description: "One week of the agency's pipeline, Monday to Sunday in its time zone" })
export class PipelineReportModel extends ReportActivityModel {
  @Field(() => ID)
  id!: string;

  @Field()
  weekStart!: string;

  @Field()
  weekEnd!: string;

  @Field()
  generatedAt!: Date;

  @Field(() => Int, { description: 'Regenerating a week adds a revision; the earlier ones stay as they were sent' })
  revision!: number;

  @Field(() => [ReportStageModel])
  stages!: ReportStageModel[];

  @Field(() => [ReportCountModel])
  followUpsByChannel!: ReportCountModel[];

  @Field(() => [ReportCountModel])
  followUpsByPurpose!: ReportCountModel[];

  @Field(() => [ReportCountModel])
  followUpsByOutcome!: ReportCountModel[];

  @Field(() => [ReportCountModel])
  referenceSignalsByKind!: ReportCountModel[];

  @Field(() => Float, { nullable: true, description: 'Median working days from first interview to decision' })
  medianDaysToDecision!: number | null;

  @Field(() => [ReportStalledApplicationModel])
  stalled!: ReportStalledApplicationModel[];

  @Field(() => [ReportCounselorModel])
  perCounselor!: ReportCounselorModel[];

  @Field(() => ReportChangeModel)
  change!: ReportChangeModel;
}

@ObjectType()
export class PipelineReportConnection extends ConnectionType(PipelineReportModel) {}
