import { Agency } from '@lib/agencies';
import { AUTH_ENTITIES } from '@lib/auth';
import { User } from '@lib/users';

/** Every entity of the schema: what migrations are generated from and checked against. */
export const ENTITIES: Function[] = [Agency, User, ...AUTH_ENTITIES];
