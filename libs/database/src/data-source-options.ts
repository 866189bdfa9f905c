import { DataSourceOptions } from 'typeorm';

/** How the product's connections name themselves to PostgreSQL (pg_stat_activity), unless told otherwise. */
export const DEFAULT_APPLICATION_NAME = 'recruiting-followup';

export interface ConnectionSettings {
  url: string;
  poolSize?: number;
  statementTimeoutMs?: number;
  applicationName?: string;
}

/**
 * Options shared by every connection the product opens. `synchronize` is off
 * for good: the schema changes only through reviewed migrations.
 */
export function postgresOptions(settings: ConnectionSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: {
      max: settings.poolSize ?? 10,
      statement_timeout: settings.statementTimeoutMs ?? 15000,
      // A transaction left open by a crashed request must not hold locks forever.
      idle_in_transaction_session_timeout: 60000,
      application_name: settings.applicationName ?? DEFAULT_APPLICATION_NAME,
    },
  };
}
