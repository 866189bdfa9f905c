import { FieldNode, isObjectType } from 'graphql';
import { cachedIn } from './cached-in';
import { FieldSelection, selectedFields } from './selection';

const readsByType = new Map<string, Map<string, readonly string[]>>();

/**
 * Declares what a resolved field of the GraphQL type `typeName` reads of its
 * parent (a follow-up's contact, its `contactId`), next to its resolver, so
 * that a statement reading that type's rows for a query reads those columns
 * when the field is asked. A resolved field that declares nothing makes such
 * a statement read whole rows.
 */
export function readsProperties(typeName: string, fieldName: string, properties: readonly string[]): void {
  const byField = readsByType.get(typeName) ?? new Map<string, readonly string[]>();
  byField.set(fieldName, properties);
  readsByType.set(typeName, byField);
}

const readByFields = new WeakMap<Map<string, FieldNode[]>, Map<string, Read>>();

/**
 * Whether the fields asked of `typeName` objects read none of their
 * properties but `properties`: then a statement may read those columns only.
 * Rows read so must reach only the loaders kept for that column set, never a
 * cache other fields read whole rows from. The column sets are the few the
 * code declares, never one per query, so that the statements' texts stay few
 * enough to prepare.
 */
export function readsWithin(selection: FieldSelection, typeName: string, properties: ReadonlySet<string>): boolean {
  const read = readOf(selection, typeName);
  return cachedIn(
    read.within,
    properties,
    () => read.properties !== null && [...read.properties].every((name) => properties.has(name)),
  );
}

/** What a document's fields of a type read, and the answers given about it: worked out once, asked once per parent. */
interface Read {
  properties: ReadonlySet<string> | null;
  within: Map<ReadonlySet<string>, boolean>;
}

function readOf(selection: FieldSelection, typeName: string): Read {
  const fields = selectedFields(selection);
  const byType = cachedIn(readByFields, fields, () => new Map<string, Read>());
  return cachedIn(byType, typeName, () => ({
    properties: propertiesRead(selection, fields, typeName),
    within: new Map(),
  }));
}

/**
 * The properties of `typeName` objects that the fields asked of them read:
 * a field without a resolver of its own reads its property of the same name
 * (see withPlainFieldsUnresolved), a resolved one what it declared
 * (readsProperties). Null when that is not known for every asked field, or
 * the selection does not carry its schema.
 */
function propertiesRead(
  selection: FieldSelection,
  fields: Map<string, FieldNode[]>,
  typeName: string,
): ReadonlySet<string> | null {
  const type = selection.schema?.getType(typeName);
  if (!isObjectType(type)) return null;
  const typeFields = type.getFields();
  const declared = readsByType.get(typeName);
  const names = new Set<string>();
  for (const fieldName of fields.keys()) {
    if (fieldName === '__typename') continue;
    const field = typeFields[fieldName];
    if (!field) return null;
    if (!field.resolve) {
      names.add(fieldName);
      continue;
    }
    const reads = declared?.get(fieldName);
    if (!reads) return null;
    for (const name of reads) names.add(name);
  }
  return names;
}
