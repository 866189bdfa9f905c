import { Module } from '@nestjs/common';
import { ApplicationTimelineResolver } from './timeline.resolver';

@Module({ providers: [ApplicationTimelineResolver] })
export class TimelineApiModule {}
