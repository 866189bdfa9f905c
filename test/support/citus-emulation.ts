import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DISTRIBUTE_SQL_PATH = join(__dirname, '..', '..', 'docker', 'citus', 'distribute.sql');

/**
 * Stand-ins, on plain PostgreSQL, for the few Citus functions and catalog that docker/citus/distribute.sql
 * calls, so that the script itself can run in the tests (no Citus here): distributing a table records it
 * in `pg_dist_partition`, and a command "on every shard" or "on every worker" runs on the one local table or
 * node. What Citus would refuse is then checked on the state the script leaves (citus-distribution spec).
 */
export const CITUS_EMULATION = `
  CREATE TABLE pg_dist_partition (
    logicalrelid regclass PRIMARY KEY,
    partmethod "char" NOT NULL,
    colocationid integer NOT NULL,
    partkey text
  );

  CREATE FUNCTION citus_get_active_worker_nodes() RETURNS TABLE (node_name text, node_port bigint)
    LANGUAGE sql AS $$ VALUES ('emulated-worker'::text, 5432::bigint) $$;

  CREATE FUNCTION create_reference_table(table_name regclass) RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO pg_dist_partition VALUES (table_name, 'n', 0, NULL);
  END $$;

  CREATE FUNCTION create_distributed_table(table_name regclass, distribution_column text,
                                           colocate_with text DEFAULT 'default')
    RETURNS void LANGUAGE plpgsql AS $$
  DECLARE
    colocation integer;
  BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_attribute
                    WHERE attrelid = table_name AND attname = distribution_column AND NOT attisdropped) THEN
      RAISE EXCEPTION 'column "%" of relation "%" does not exist', distribution_column, table_name;
    END IF;
    IF colocate_with = 'default' THEN
      colocation := (SELECT coalesce(max(colocationid), 0) + 1 FROM pg_dist_partition);
    ELSE
      SELECT colocationid INTO colocation FROM pg_dist_partition
       WHERE logicalrelid = colocate_with::regclass AND partmethod = 'h';
      IF colocation IS NULL THEN
        RAISE EXCEPTION 'relation % should be a hash distributed table', colocate_with;
      END IF;
    END IF;
    INSERT INTO pg_dist_partition VALUES (table_name, 'h', colocation, distribution_column);
  END $$;

  CREATE FUNCTION run_command_on_shards(table_name regclass, command text)
    RETURNS TABLE (shardid bigint, success boolean, result text) LANGUAGE plpgsql AS $$
  DECLARE
    answer text;
  BEGIN
    IF command ~* '^\\s*select' THEN
      EXECUTE format(command, table_name) INTO answer;
    ELSE
      EXECUTE format(command, table_name);
    END IF;
    RETURN QUERY SELECT 1::bigint, true, coalesce(answer, '');
  END $$;

  CREATE FUNCTION run_command_on_workers(command text)
    RETURNS TABLE (nodename text, nodeport integer, success boolean, result text) LANGUAGE plpgsql AS $$
  DECLARE
    answer text;
  BEGIN
    EXECUTE command INTO answer;
    RETURN QUERY SELECT 'emulated-worker'::text, 5432, true, coalesce(answer, '');
  END $$;
`;

/**
 * distribute.sql as one batch for node-postgres: psql's own commands (`\\set`, `\\if`...) dropped and the
 * psql variable given, as `psql -v candidate_portal=<value>` would.
 */
export function distributeScript(candidatePortal: 'open' | 'closed'): string {
  return readFileSync(DISTRIBUTE_SQL_PATH, 'utf8')
    .split('\n')
    .filter((line) => !line.trim().startsWith('\\'))
    .join('\n')
    .replaceAll(`:'candidate_portal'`, `'${candidatePortal}'`);
}

export interface DistributionPlan {
  reference: string[];
  /** In the order the script distributes them. */
  distributed: Array<{ table: string; column: string; colocateWith: string | null }>;
}

/** What distribute.sql names, read from its text. */
export function distributionPlan(): DistributionPlan {
  const sql = readFileSync(DISTRIBUTE_SQL_PATH, 'utf8');
  return {
    reference: [...sql.matchAll(/create_reference_table\('(\w+)'\)/g)].map((match) => match[1]!),
    distributed: [...sql.matchAll(/create_distributed_table\('(\w+)', '(\w+)'(?:, colocate_with => '(\w+)')?\)/g)].map(
      (match) => ({ table: match[1]!, column: match[2]!, colocateWith: match[3] ?? null }),
    ),
  };
}
