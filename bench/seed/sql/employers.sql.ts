import { between, chance, hashOf, literal, pick, rehash, uuidOf, weightedText } from './fragments';
import {
  AGENCY_ZONES,
  BEST_WAYS,
  EMPLOYER_TRADES,
  EMPLOYER_WORDS,
  FIRST_NAMES,
  JOB_TITLES,
  LAST_NAMES,
  SENIORITIES,
} from './vocabulary';

/**
 * Every employer of the transaction's agencies with its contacts' ids, as a
 * pure function of the agency: the agency-level transaction writes the rows
 * from it, and each candidate transaction builds it again to know, from a
 * position's number alone, its employer, time zone and contacts. Every
 * employer has HR (contact 1) and a hiring manager (contact 2); half a
 * gatekeeper (3), some an interviewer (4). The designated contact is HR,
 * the hiring manager, or nobody yet.
 */
export const EMPLOYER_TABLE = `
  CREATE TEMP TABLE bench_employer ON COMMIT DROP AS
  SELECT e.*,
         CASE e.designated WHEN 'HR' THEN e.hr_id WHEN 'HIRING_MANAGER' THEN e.hm_id END AS designated_id
    FROM (
      SELECT g.agency_no, g.agency_id, g.created_at AS agency_created_at, x.n AS employer_no, x.ekey, x.he,
             ${uuidOf('x.ekey')} AS employer_id,
             ${pick('x.he', 0, EMPLOYER_WORDS)} || ' ' || ${pick('x.he', 1, EMPLOYER_TRADES)} || CASE g.country
               WHEN 'GB' THEN ' Ltd' WHEN 'DE' THEN ' GmbH' WHEN 'AU' THEN ' Pty Ltd' ELSE ' Inc.' END AS name,
             CASE WHEN ${chance('x.he', 2, 0.9)} THEN g.tz
                  ELSE ${pick(
                    'x.he',
                    3,
                    AGENCY_ZONES.map((zone) => zone[0]),
                  )} END AS tz,
             ${chance('x.he', 4, 0.7)} AS is_local,
             ${uuidOf(`x.ekey || ':k1'`)} AS hr_id,
             ${uuidOf(`x.ekey || ':k2'`)} AS hm_id,
             CASE WHEN ${chance('x.he', 5, 0.5)} THEN ${uuidOf(`x.ekey || ':k3'`)} END AS gk_id,
             CASE WHEN ${chance('x.he', 6, 0.4)} THEN ${uuidOf(`x.ekey || ':k4'`)} END AS iv_id,
             ${weightedText('x.he', 7, [
               ['HR', 55],
               ['HIRING_MANAGER', 15],
               ['NONE', 30],
             ])} AS designated
        FROM bench_agency g
       CROSS JOIN LATERAL generate_series(1, g.employers) AS n(n)
       CROSS JOIN LATERAL (SELECT n.n, g.akey || ':e' || n.n AS ekey, ${hashOf(`g.akey || ':e' || n.n`)} AS he OFFSET 0) x
    ) e`;

export const INSERT_EMPLOYERS = `
  INSERT INTO employers (agency_id, id, name, timezone, is_local, created_at)
  SELECT agency_id, employer_id, name, tz, is_local, agency_created_at + ${between(rehash('he'), 0, 1, 25)} * interval '1 day'
    FROM bench_employer`;

const ROLES: [number, string, string][] = [
  [1, 'HR', 'hr_id'],
  [2, 'HIRING_MANAGER', 'hm_id'],
  [3, 'GATEKEEPER', 'gk_id'],
  [4, 'INTERVIEWER', 'iv_id'],
];

export const INSERT_CONTACTS = `
  INSERT INTO employer_contacts (agency_id, id, employer_id, full_name, role, email, phone, best_way_to_reach,
                                 is_designated_contact, created_at)
  SELECT e.agency_id, c.id, e.employer_id, n.first || ' ' || n.last, c.role,
         CASE WHEN c.role <> 'GATEKEEPER'
              THEN regexp_replace(lower(public.unaccent(n.first || '.' || n.last)), '[^a-z0-9.]+', '', 'g')
                   || '@' || regexp_replace(lower(e.name), '[^a-z0-9]+', '', 'g') || '.example' END,
         '+1 555 01' || lpad(${between('c.hk', 2, 0, 99)}::text, 2, '0'),
         CASE WHEN ${chance('c.hk', 3, 0.4)} THEN ${pick('c.hk', 4, BEST_WAYS)} END,
         c.role = e.designated, e.agency_created_at + ${between(rehash('e.he'), 0, 1, 25)} * interval '1 day'
    FROM bench_employer e
   CROSS JOIN LATERAL (VALUES ${ROLES.map(([slot, role, column]) => `(${slot}, ${literal(role)}, e.${column})`).join(', ')})
           AS r(slot, role, id)
   CROSS JOIN LATERAL (SELECT r.id, r.role, ${hashOf(`e.ekey || ':k' || r.slot`)} AS hk OFFSET 0) c
   CROSS JOIN LATERAL (SELECT ${pick('c.hk', 0, FIRST_NAMES)} AS first, ${pick('c.hk', 1, LAST_NAMES)} AS last) n
   WHERE c.id IS NOT NULL`;

/** About 2.2 positions per employer: position p belongs to employer 1 + (p - 1) % employers. */
export const INSERT_POSITIONS = `
  INSERT INTO positions (agency_id, id, employer_id, title, created_at)
  SELECT g.agency_id, ${uuidOf(`g.akey || ':p' || p.n`)}, ${uuidOf(`g.akey || ':e' || (1 + (p.n - 1) % g.employers)`)},
         ${pick('x.hp', 0, SENIORITIES)} || ${pick('x.hp', 1, JOB_TITLES)},
         g.created_at + ${between('x.hp', 2, 30, 110)} * interval '1 day'
    FROM bench_agency g
   CROSS JOIN LATERAL generate_series(1, g.positions) AS p(n)
   CROSS JOIN LATERAL (SELECT ${hashOf(`g.akey || ':p' || p.n`)} AS hp OFFSET 0) x`;
