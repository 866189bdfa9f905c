import { escapeLiteral } from 'pg';
import { TenantScope } from './tenant-scope';

/**
 * The statement that scopes the current transaction: `SET LOCAL` of the
 * settings row-level security reads. Local, so it ends with the transaction
 * and never reaches the next user of a pooled connection; and `SET LOCAL`
 * rather than `set_config(..., true)` because Citus carries `SET LOCAL` to its
 * worker nodes (`citus.propagate_set_commands = 'local'`, docs/citus.md) and
 * not a function call. SET takes no bind parameters, so the values are quoted.
 */
export function scopeStatement(scope: TenantScope): string {
  const settings: Array<[string, string | null | undefined]> = [
    ['app.agency_id', scope.agencyId],
    ['app.user_id', scope.userId],
    ['app.role', scope.role],
    ['app.candidate_id', scope.candidateId],
  ];
  return settings.map(([name, value]) => `SET LOCAL ${name} = ${escapeLiteral(value ?? '')}`).join('; ');
}
