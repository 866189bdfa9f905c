import { PASSWORD_HASH } from './agencies.sql';
import { between, chance, draw, hashOf, literal, MINUTES_PER_DAY, pick, rehash, timestamp, uuidOf } from './fragments';
import { EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, REFERENCE_RELATIONSHIPS } from './vocabulary';

/**
 * One row per candidate of the transaction, from their applications: the
 * candidate was created a few working days before their first submission,
 * and anyone asked for references has given two.
 */
export const CANDIDATE_TABLE = `
  CREATE TEMP TABLE bench_candidate ON COMMIT DROP AS
  SELECT c.*, ${rehash('c.hc')} AS hc2, n.first, n.last,
         regexp_replace(lower(public.unaccent(n.first || '.' || n.last)), '[^a-z0-9.]+', '', 'g') || '.' || c.cand_no
           || '@' || ${pick(rehash('c.hc'), 0, EMAIL_DOMAINS)} AS email
    FROM (
      SELECT s.agency_no, s.cand_no, s.ckey, s.hc, s.candidate_id, s.counselor_id,
             min(s.ts[1]) - ${between('s.hc', 4, 1, 3)} * ${MINUTES_PER_DAY} AS created_t,
             bool_or(s.req_t IS NOT NULL) AS asked_for_references
        FROM bench_story s
       GROUP BY s.agency_no, s.cand_no, s.ckey, s.hc, s.candidate_id, s.counselor_id
    ) c
   CROSS JOIN LATERAL (SELECT ${pick('c.hc', 5, FIRST_NAMES)} AS first, ${pick('c.hc', 6, LAST_NAMES)} AS last) n`;

const CREATED_AT = timestamp('g.monday', 'g.tz', 'c.created_t');

export const INSERT_CANDIDATES = `
  INSERT INTO candidates (agency_id, id, full_name, email, phone, counselor_id, created_at)
  SELECT g.agency_id, c.candidate_id, c.first || ' ' || c.last, c.email,
         CASE WHEN ${chance('c.hc2', 1, 0.6)} THEN '+44 7700 ' || lpad(${between('c.hc2', 2, 0, 999999)}::text, 6, '0') END,
         c.counselor_id, ${CREATED_AT}
    FROM bench_candidate c JOIN bench_agency g USING (agency_no)`;

/** One candidate in seven uses the self-service portal: a user with role CANDIDATE bound to the candidate. */
export const INSERT_PORTAL_USERS = `
  INSERT INTO users (agency_id, id, email, full_name, role, password_hash, created_at, candidate_id)
  SELECT g.agency_id, ${uuidOf(`c.ckey || ':user'`)}, c.email, c.first || ' ' || c.last, 'CANDIDATE',
         ${literal(PASSWORD_HASH)}, ${CREATED_AT} + interval '2 days', c.candidate_id
    FROM bench_candidate c JOIN bench_agency g USING (agency_no)
   WHERE ${chance('c.hc', 7, 0.15)}`;

export const INSERT_REFERENCES = `
  INSERT INTO candidate_references (agency_id, id, candidate_id, full_name, relationship, email, phone, informed_at, created_at)
  SELECT g.agency_id, ${uuidOf(`c.ckey || ':r' || r.n`)}, c.candidate_id, n.first || ' ' || n.last,
         ${pick('r.hr', 2, REFERENCE_RELATIONSHIPS)},
         regexp_replace(lower(public.unaccent(n.first || '.' || n.last)), '[^a-z0-9.]+', '', 'g') || '@example.com',
         '+44 20 7946 ' || lpad(${between('r.hr', 3, 0, 9999)}::text, 4, '0'),
         CASE WHEN ${chance('r.hr', 4, 0.5)} THEN ${CREATED_AT} + interval '3 days' END,
         ${CREATED_AT} + interval '1 day'
    FROM bench_candidate c JOIN bench_agency g USING (agency_no)
   CROSS JOIN LATERAL generate_series(1, CASE WHEN c.asked_for_references OR ${draw('c.hc', 3)} < 0.35 THEN 2
                                              WHEN ${draw('c.hc', 3)} < 0.55 THEN 1 ELSE 0 END) AS r0(n)
   CROSS JOIN LATERAL (SELECT r0.n, ${hashOf(`c.ckey || ':r' || r0.n`)} AS hr OFFSET 0) r
   CROSS JOIN LATERAL (SELECT ${pick('r.hr', 0, FIRST_NAMES)} AS first, ${pick('r.hr', 1, LAST_NAMES)} AS last) n`;
