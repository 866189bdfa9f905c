import { RequestContext } from '@lib/context';
import { FieldSelection, selectedFields } from './selection';

/** What a list's statement adds to read a field of each of its parents in the same statement. */
export interface JoinedField {
  /** Select-list columns, each named under the join's own prefix so no two joins' names meet. */
  columns: string;
  /** LEFT JOINs on the parent's alias, each finding at most one row per parent, so the parents' rows stay one each. */
  joins: string;
  /** Hands each parent's value, read from its row, to the loader the field's resolver reads. */
  settle(ctx: RequestContext, parentIds: readonly string[], rows: readonly Record<string, unknown>[]): void;
}

/** Builds a field's joins for a parent read as `parentAlias`, given what the query asks of the parents. */
export type JoinAhead = (
  ctx: RequestContext,
  parentAlias: string,
  parentSelection: FieldSelection,
) => Promise<JoinedField>;

const joinAheadsByType = new Map<Function, Map<string, JoinAhead>>();

/**
 * Declares that the values of `fieldName` of `parentType` can be read by
 * joining them to the parents' own statement (one-to-one: a stored plan, the
 * latest follow-up), by the library that resolves the field. One JoinAhead
 * may serve several fields (they are joined once).
 */
export function joinsAhead(parentType: Function, fieldName: string, joinAhead: JoinAhead): void {
  const byField = joinAheadsByType.get(parentType) ?? new Map<string, JoinAhead>();
  byField.set(fieldName, joinAhead);
  joinAheadsByType.set(parentType, byField);
}

export interface AskedJoins {
  joined: JoinedField[];
  /** The fields the joins answer: readAheadAskedFields leaves them alone. */
  fields: Set<string>;
}

/**
 * For a loader of a list of parents, before it reads them: the joins of the
 * fields the query asks for that have one. Each costs the database a join in
 * a statement it runs anyway instead of a statement, and a round trip, of its
 * own; each statement's text depends only on which fields are asked, so the
 * variants stay few enough to prepare.
 */
export async function joinAheadAskedFields(
  ctx: RequestContext,
  parentType: Function,
  parentAlias: string,
  selection: FieldSelection,
): Promise<AskedJoins> {
  const byField = joinAheadsByType.get(parentType);
  const fields = new Set<string>();
  if (!byField) return { joined: [], fields };
  const asked = new Set<JoinAhead>();
  for (const fieldName of selectedFields(selection).keys()) {
    const joinAhead = byField.get(fieldName);
    if (!joinAhead) continue;
    asked.add(joinAhead);
    fields.add(fieldName);
  }
  const joined = await Promise.all([...asked].map((joinAhead) => joinAhead(ctx, parentAlias, selection)));
  return { joined, fields };
}
