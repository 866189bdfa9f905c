import { Global, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseConfig } from '@lib/config';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { assertRowLevelSecurityApplies } from './app-role-check';
import { postgresOptions } from './data-source-options';
import { SnapshotReaders } from './snapshot-readers';

/**
 * Connections for statements read side by side (reports), shared by every unit of work of the process: a few,
 * so that concurrent reports queue for them rather than crowd the application's pool.
 */
const SNAPSHOT_READER_CONNECTIONS = 4;

/** The application's connection pool, as the row-level-security-bound application role. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY],
      useFactory: (config: ConfigType<typeof databaseConfig>) => ({
        ...postgresOptions({
          url: config.appUrl,
          poolSize: config.poolSize,
          statementTimeoutMs: config.statementTimeoutMs,
        }),
        autoLoadEntities: true,
      }),
    }),
  ],
  providers: [
    {
      provide: SnapshotReaders,
      inject: [databaseConfig.KEY],
      useFactory: (config: ConfigType<typeof databaseConfig>) => {
        const { extra } = postgresOptions({
          url: config.appUrl,
          poolSize: SNAPSHOT_READER_CONNECTIONS,
          statementTimeoutMs: config.statementTimeoutMs,
          applicationName: 'recruiting-followup-reader',
        }) as { extra: Record<string, unknown> };
        return new SnapshotReaders(new Pool({ connectionString: config.appUrl, ...extra }));
      },
    },
  ],
  exports: [SnapshotReaders],
})
export class DatabaseModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly dataSource: DataSource,
    private readonly readers: SnapshotReaders,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await assertRowLevelSecurityApplies(this.dataSource);
  }

  async onModuleDestroy(): Promise<void> {
    await this.readers.close();
  }
}
