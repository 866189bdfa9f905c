export enum Role {
  ADMIN = 'ADMIN',
  COUNSELOR = 'COUNSELOR',
  CANDIDATE = 'CANDIDATE',
}

export const STAFF_ROLES: readonly Role[] = [Role.ADMIN, Role.COUNSELOR];
