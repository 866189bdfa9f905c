import { registerEnumType } from '@nestjs/graphql';
import { ContactRole } from '@lib/policy';

export { ContactRole };

registerEnumType(ContactRole, { name: 'ContactRole' });
