/**
 * What a transaction is allowed to see. Written into the transaction with
 * `SET LOCAL` (scopeStatement) so it ends with the transaction and can never
 * leak to the next user of a pooled connection.
 */
export interface TenantScope {
  agencyId: string | null;
  userId: string | null;
  role: string | null;
  /** Set for a candidate: the second row-level-security policy confines them to their own rows. */
  candidateId?: string | null;
}

export const NO_TENANT: TenantScope = { agencyId: null, userId: null, role: null, candidateId: null };
