export * from './application-history';
export * from './escalation-level';
export * from './plan';
export * from './contact-slots';
export * from './escalation-ladder';
export * from './next-step';
export * from './plan-follow-up';
export * from './temperature';
