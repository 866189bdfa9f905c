import { RequestContext } from '@lib/context';
import { preparedSql } from '@lib/database';
import { Employer, employerColumns, Position, positionColumns } from '@lib/employers';
import {
  ColumnSet,
  FieldSelection,
  joinAheadAskedFields,
  plainEntityRowsSql,
  primeRows,
  readAheadAskedFields,
  selectedFields,
  subSelection,
} from '@lib/graphql';
import DataLoader from 'dataloader';
import { Application } from './application.entity';
import { ApplicationModel } from './application.model';

/** Each neighbour read with a batch of applications: absent, whole (undefined) or a column set; decided by what the query asks. */
type Read = { columns: ColumnSet | undefined } | null;

interface Neighbours {
  positions: Read;
  employers: Read;
  /** The memo key of the loader that reads them so. */
  key: string;
}

/** Worked out once per document: the field is resolved once per candidate of the page, with the same nodes. */
const neighboursByFields = new WeakMap<object, Neighbours>();

function neighboursAsked(selection: FieldSelection): Neighbours {
  const fields = selectedFields(selection);
  let neighbours = neighboursByFields.get(fields);
  if (!neighbours) {
    neighbours = workOutNeighbours(selection);
    neighboursByFields.set(fields, neighbours);
  }
  return neighbours;
}

function workOutNeighbours(selection: FieldSelection): Neighbours {
  const position = subSelection(selection, 'position');
  const employer = position && subSelection(position, 'employer');
  const positions: Read = position ? { columns: positionColumns(position) } : null;
  const employers: Read = employer ? { columns: employerColumns(employer) } : null;
  const name = (read: Read) => (read ? (read.columns?.name ?? 'whole') : 'none');
  return { positions, employers, key: `candidate-applications:${name(positions)}:${name(employers)}` };
}

/**
 * The applications of each candidate of a batch, oldest first, in one
 * statement that also reads their positions, and the positions' employers,
 * when the query asks for them. Those go into the per-request position and
 * employer loaders, where the fields that ask for them next find them: two
 * statements fewer, and two rounds of batching, for a page of candidates.
 * Their fields that can be joined (their next step, last follow-up...: see
 * joinsAhead) are read by the same statement, and the others that can be
 * read ahead (their open escalations: see readsAhead) before the
 * applications are handed to GraphQL.
 */
export function candidateApplications(
  ctx: RequestContext,
  selection: FieldSelection,
): DataLoader<string, Application[]> {
  const neighbours = neighboursAsked(selection);
  return ctx.memo(neighbours.key, () => {
    return new DataLoader<string, Application[]>(async (candidateIds) => {
      const [applications, allPositions, allEmployers, asked] = await Promise.all([
        plainEntityRowsSql(ctx, Application),
        plainEntityRowsSql(ctx, Position),
        plainEntityRowsSql(ctx, Employer),
        joinAheadAskedFields(ctx, ApplicationModel, 'a', selection),
      ]);
      const positionSet = neighbours.positions?.columns;
      const employerSet = neighbours.employers?.columns;
      const positions = allPositions.narrowed(positionSet);
      const employers = allEmployers.narrowed(employerSet);
      const columns = [applications.joinedSelectList('a', '')];
      const joins: string[] = [];
      if (neighbours.positions) {
        columns.push(positions.joinedSelectList('p', 'position.'));
        joins.push(`LEFT JOIN ${positions.table} p ON p.agency_id = a.agency_id AND p.id = a.position_id`);
      }
      if (neighbours.employers) {
        columns.push(employers.joinedSelectList('e', 'employer.'));
        joins.push(`LEFT JOIN ${employers.table} e ON e.agency_id = p.agency_id AND e.id = p.employer_id`);
      }
      for (const joined of asked.joined) {
        columns.push(joined.columns);
        joins.push(joined.joins);
      }
      const rows = await ctx.query<Record<string, unknown>>(
        preparedSql(`SELECT ${columns.join(', ')} FROM ${applications.table} a ${joins.join(' ')}
          WHERE a.agency_id = $1 AND a.candidate_id = ANY($2::uuid[])
          ORDER BY a.created_at, a.id`),
        [ctx.agencyId, [...candidateIds]],
      );
      const byCandidate = new Map<string, Application[]>(candidateIds.map((id) => [id, []]));
      const joinedPositions: Position[] = [];
      const joinedEmployers: Employer[] = [];
      for (const row of rows) {
        const application = applications.joinedEntity<Application>(row, '')!;
        byCandidate.get(application.candidateId)?.push(application);
        const position = positions.joinedEntity<Position>(row, 'position.');
        if (position) joinedPositions.push(position);
        const employer = employers.joinedEntity<Employer>(row, 'employer.');
        if (employer) joinedEmployers.push(employer);
      }
      primeRows(ctx, Position, joinedPositions, positionSet);
      primeRows(ctx, Employer, joinedEmployers, employerSet);
      const applicationIds = rows.map((row) => row.id as string);
      for (const joined of asked.joined) joined.settle(ctx, applicationIds, rows);
      await readAheadAskedFields(ctx, ApplicationModel, applicationIds, selection, asked.fields);
      return candidateIds.map((id) => byCandidate.get(id) ?? []);
    });
  });
}
