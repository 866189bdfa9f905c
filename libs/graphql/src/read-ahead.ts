import { RequestContext } from '@lib/context';
import { FieldSelection, selectedFields } from './selection';

/** Reads a field's values for a batch of parents into the loader its resolver reads. */
export type ReadAhead = (
  ctx: RequestContext,
  parentIds: readonly string[],
  parentSelection: FieldSelection,
) => Promise<unknown>;

const readAheadsByType = new Map<Function, Map<string, ReadAhead>>();
const NONE: ReadonlySet<string> = new Set();

/**
 * Declares that the values of `fieldName` of `parentType` can be read for a
 * whole batch of parents, by the library that resolves the field (the one
 * that loads the parents cannot import it: it depends on that one).
 */
export function readsAhead(parentType: Function, fieldName: string, readAhead: ReadAhead): void {
  const byField = readAheadsByType.get(parentType) ?? new Map<string, ReadAhead>();
  byField.set(fieldName, readAhead);
  readAheadsByType.set(parentType, byField);
}

/**
 * For a loader of a list of parents, right after reading them: reads ahead
 * every field of theirs that the query asks for and that has a read-ahead,
 * side by side, so that when GraphQL resolves those fields for each parent
 * their values are already settled (see SettledLoader) instead of awaited
 * one parent at a time. The same statements as the fields would have run,
 * only earlier. `alreadyRead`: fields the parents' own statement read (see
 * joinAheadAskedFields). A read-ahead that fails is left alone: its field then loads,
 * and fails, on its own, as it would have without it.
 */
export async function readAheadAskedFields(
  ctx: RequestContext,
  parentType: Function,
  parentIds: readonly string[],
  selection: FieldSelection,
  alreadyRead: ReadonlySet<string> = NONE,
): Promise<void> {
  const byField = readAheadsByType.get(parentType);
  if (!byField || parentIds.length === 0) return;
  const asked = new Set<ReadAhead>();
  for (const fieldName of selectedFields(selection).keys()) {
    if (alreadyRead.has(fieldName)) continue;
    const readAhead = byField.get(fieldName);
    if (readAhead) asked.add(readAhead);
  }
  await Promise.all([...asked].map((readAhead) => readAhead(ctx, parentIds, selection).catch(() => undefined)));
}
