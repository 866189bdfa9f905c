import { registerEnumType } from '@nestjs/graphql';
import { Channel, DelayReason, Direction, Outcome, Purpose, ResponseKind } from '@lib/policy';

registerEnumType(Channel, { name: 'Channel' });
registerEnumType(Purpose, { name: 'Purpose' });
registerEnumType(Outcome, { name: 'Outcome' });
registerEnumType(Direction, {
  name: 'Direction',
  description: 'OUTBOUND: the agency or candidate reached out. INBOUND: the employer reached out or replied.',
});
registerEnumType(ResponseKind, { name: 'ResponseKind' });
registerEnumType(DelayReason, { name: 'DelayReason' });
