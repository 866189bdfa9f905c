import { SetMetadata } from '@nestjs/common';
import { Role } from './role';

export const IS_PUBLIC = 'access:public';
export const ALLOWED_ROLES = 'access:roles';

/** Opts an operation out of authentication. Every other operation requires a signed-in user. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts an operation to some roles. Without it, any signed-in staff member (ADMIN, COUNSELOR) may call it. */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);
