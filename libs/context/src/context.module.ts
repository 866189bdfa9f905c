import { Global, Module } from '@nestjs/common';
import { RequestContextFactory } from './request-context.factory';

@Global()
@Module({ providers: [RequestContextFactory], exports: [RequestContextFactory] })
export class ContextModule {}
