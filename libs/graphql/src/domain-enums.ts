import { registerEnumType } from '@nestjs/graphql';
import { Stage } from '@lib/pipeline';

// The pure domain libraries know nothing of GraphQL; their enums get their schema names here.
registerEnumType(Stage, { name: 'Stage' });
