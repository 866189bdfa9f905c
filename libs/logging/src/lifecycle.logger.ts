import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';

/** Says when a process is ready, when it starts to shut down and when it has let go of everything. */
@Injectable()
export class LifecycleLogger implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Lifecycle');

  onApplicationBootstrap(): void {
    this.logger.log('Ready');
  }

  beforeApplicationShutdown(signal?: string): void {
    this.logger.log(`Shutting down${signal ? ` on ${signal}` : ''}: finishing work in hand`);
  }

  onApplicationShutdown(): void {
    this.logger.log('Stopped');
  }
}
