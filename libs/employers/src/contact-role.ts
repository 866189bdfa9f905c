import { registerEnumType } from '@nestjs/graphql';

/** Who a contact at the employer is (DOMAIN.md, "Employer and employer contacts"). */
export enum ContactRole {
  HIRING_MANAGER = 'HIRING_MANAGER',
  HR = 'HR',
  GATEKEEPER = 'GATEKEEPER',
  INTERVIEWER = 'INTERVIEWER',
}

registerEnumType(ContactRole, { name: 'ContactRole' });
