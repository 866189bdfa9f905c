import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseConfig } from '@lib/config';
import { DataSource } from 'typeorm';
import { assertRowLevelSecurityApplies } from './app-role-check';
import { postgresOptions } from './data-source-options';

/** The application's connection pool, as the row-level-security-bound application role. */
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
})
export class DatabaseModule implements OnApplicationBootstrap {
  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await assertRowLevelSecurityApplies(this.dataSource);
  }
}
