/** What a weekly pipeline report holds (DOMAIN.md, "Weekly agency pipeline report"). */
export interface StageFigures {
  stage: string;
  /** Applications in this stage at the end of the week. */
  count: number;
  movedIn: number;
  movedOut: number;
}

export interface CountBy {
  key: string;
  count: number;
}

export interface ActivityFigures {
  interviews: number;
  debriefs: number;
  followUpsMade: number;
  followUpsAnswered: number;
  /** Answered / made; null when none was made. */
  responseRate: number | null;
  referenceSignals: number;
  verbalOffers: number;
  writtenOffers: number;
  placements: number;
  escalationsRaised: number;
  escalationsResolved: number;
  escalationsOpen: number;
}

export interface StalledApplication {
  applicationId: string;
  candidateId: string;
  /** Null for a counselor reading another counselor's candidate. */
  candidateName: string | null;
  counselorId: string;
  level: string;
  raisedAt: string;
}

export interface CounselorFigures extends ActivityFigures {
  counselorId: string;
  counselorName: string;
  stages: StageFigures[];
}

export interface PipelineFigures extends ActivityFigures {
  stages: StageFigures[];
  followUpsByChannel: CountBy[];
  followUpsByPurpose: CountBy[];
  followUpsByOutcome: CountBy[];
  referenceSignalsByKind: CountBy[];
  /** Median working days (employer's calendar) from an application's first interview to the employer's decision. */
  medianDaysToDecision: number | null;
  stalled: StalledApplication[];
  perCounselor: CounselorFigures[];
  /** This week minus the week before, for the headline figures. */
  change: Partial<Record<keyof ActivityFigures, number>>;
}
