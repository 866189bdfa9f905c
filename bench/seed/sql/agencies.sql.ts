import { between, chance, hashOf, literal, pick, uuidOf, weighted } from './fragments';
import { AGENCY_KINDS, AGENCY_WORDS, AGENCY_ZONES, FIRST_NAMES, LAST_NAMES } from './vocabulary';

/**
 * The agencies of one transaction, with what every later statement derives
 * its rows from: `akey` (the seed and the agency's number) is the root of
 * every key, and candidates `cand_from` to `cand_to` are the ones this
 * transaction writes. Temporary, dropped at commit.
 */
export const CREATE_AGENCY_TABLE = `
  CREATE TEMP TABLE bench_agency (
    agency_no int PRIMARY KEY, akey text NOT NULL, agency_id uuid NOT NULL, slug text NOT NULL,
    tz text NOT NULL, country text NOT NULL, monday date NOT NULL, created_at timestamptz NOT NULL,
    candidates int NOT NULL, counselors int NOT NULL, employers int NOT NULL, positions int NOT NULL,
    cand_from int NOT NULL, cand_to int NOT NULL
  ) ON COMMIT DROP`;

const zoneIndex = (hash: string) =>
  weighted(hash, 0, [
    ['1', 35],
    ['2', 30],
    ['3', 20],
    ['4', 15],
  ]);
const zones = (column: 0 | 1) => `ARRAY[${AGENCY_ZONES.map((zone) => literal(zone[column])).join(', ')}]`;

/** $1 seed key, $2 Monday, $3.. the plans as parallel arrays. Agency 1 is in London, so tests know its week. */
export const FILL_AGENCY_TABLE = `
  INSERT INTO bench_agency
  SELECT p.agency_no, k.akey, ${uuidOf('k.akey')}, 'bench-' || $1::text || '-' || p.agency_no,
         (${zones(0)})[z.zone], (${zones(1)})[z.zone], $2::date,
         (($2::date - ${between('k.ha', 1, 200, 900)})::timestamp + interval '9 hours') AT TIME ZONE (${zones(0)})[z.zone],
         p.candidates, p.counselors, p.employers, p.positions, p.cand_from, p.cand_to
    FROM unnest($3::int[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[])
           AS p(agency_no, candidates, counselors, employers, positions, cand_from, cand_to)
   CROSS JOIN LATERAL (SELECT $1::text || ':a' || p.agency_no AS akey, ${hashOf(`$1::text || ':a' || p.agency_no`)} AS ha) k
   CROSS JOIN LATERAL (SELECT CASE WHEN p.agency_no = 1 THEN 1 ELSE ${zoneIndex('k.ha')} END AS zone) z`;

export const INSERT_AGENCIES = `
  INSERT INTO agencies (id, name, slug, timezone, country, created_at)
  SELECT agency_id, ${pick(hashOf('akey'), 2, AGENCY_WORDS)} || ' ' || ${pick(hashOf('akey'), 3, AGENCY_KINDS)} || ' ' || agency_no,
         slug, tz, country, created_at
    FROM bench_agency`;

/**
 * A third of the agencies (2, 5, 8, ...) changed their policy; the others
 * follow the defaults, which the application reads without a row. The
 * changes are the report hour, recipients, gatekeeper messages and an extra
 * day off; the follow-up rules keep the articles' defaults, which the
 * generated histories follow.
 */
export const INSERT_POLICIES = `
  INSERT INTO agency_policies (
    agency_id, thank_you_within_working_days, hr_status_email_after_working_days, status_check_every_working_days,
    minimum_gap_working_days, contact_days, contact_windows, call_after_promised_date_working_days,
    leave_message_with_gatekeeper, escalate_to_hiring_manager_after_working_days, hiring_manager_attempts_before_visit,
    out_of_running_after_working_days, long_silence_after_working_days, low_pressure_contact_every_working_days,
    holiday_country, holiday_region, extra_holidays, updated_at, updated_by_user_id, overdue_grace_working_days,
    weekly_report_hour, report_recipients)
  SELECT agency_id, 1, 2, 7, 5, ARRAY['TUESDAY', 'WEDNESDAY', 'THURSDAY'],
         '[{"start":"08:00","end":"09:30"},{"start":"12:00","end":"13:00"},{"start":"17:00","end":"18:00"}]'::jsonb,
         1, ${chance(hashOf('akey'), 5, 0.3)}, 10, 3, 30, 30, 10, country, NULL,
         CASE WHEN ${chance(hashOf('akey'), 6, 0.5)} THEN ARRAY[make_date(extract(year FROM monday)::int, 12, 24)]
              ELSE '{}'::date[] END,
         created_at + interval '20 days', ${uuidOf(`akey || ':u0'`)}, 2, ${between(hashOf('akey'), 7, 6, 9)},
         CASE WHEN ${chance(hashOf(`akey || ':policy'`), 0, 0.5)} THEN ARRAY['ops@' || slug || '.example'] ELSE '{}' END
    FROM bench_agency
   WHERE agency_no % 3 = 2`;

/** One agency in five (3, 8, 13, ...) sends its escalations to a webhook, so the sweep writes webhook notifications too. */
export const INSERT_WEBHOOKS = `
  INSERT INTO agency_webhooks (agency_id, id, url, secret, created_at)
  SELECT agency_id, ${uuidOf(`akey || ':hook'`)}, 'https://hooks.example.com/recruiting/' || slug,
         md5(akey || ':hook-secret'), created_at + interval '30 days'
    FROM bench_agency
   WHERE agency_no % 5 = 3`;

/** Any argon2id-shaped constant: nobody signs in as a generated user with a password. */
export const PASSWORD_HASH =
  '$argon2id$v=19$m=65536,t=3,p=4$YmVuY2gtc2VlZC1zYWx0$YmVuY2gtc2VlZC1ub3QtYS1yZWFsLWhhc2gtdmFsdWU';

/** User 0 is the admin, users 1 to `counselors` the counselors the candidates are spread over. */
export const INSERT_STAFF = `
  INSERT INTO users (agency_id, id, email, full_name, role, password_hash, created_at)
  SELECT g.agency_id, ${uuidOf(`g.akey || ':u' || u.n`)},
         CASE WHEN u.n = 0 THEN 'admin@' || g.slug || '.example'
              ELSE regexp_replace(lower(public.unaccent(n.first || '.' || n.last)), '[^a-z0-9.]+', '', 'g')
                   || '.' || u.n || '@' || g.slug || '.example' END,
         n.first || ' ' || n.last, CASE WHEN u.n = 0 THEN 'ADMIN' ELSE 'COUNSELOR' END, ${literal(PASSWORD_HASH)},
         g.created_at + least(u.n, 60) * interval '1 day'
    FROM bench_agency g
   CROSS JOIN LATERAL generate_series(0, g.counselors) AS u(n)
   CROSS JOIN LATERAL (SELECT ${pick(hashOf(`g.akey || ':u' || u.n`), 0, FIRST_NAMES)} AS first,
                              ${pick(hashOf(`g.akey || ':u' || u.n`), 1, LAST_NAMES)} AS last) n`;
