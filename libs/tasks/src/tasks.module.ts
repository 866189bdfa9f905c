import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@lib/audit';
import { EmployersModule } from '@lib/employers';
import { Task } from './task.entity';
import { ApplicationTasksResolver, TasksResolver } from './tasks.resolver';
import { TasksService } from './tasks.service';

@Module({
  imports: [TypeOrmModule.forFeature([Task]), AuditModule, EmployersModule],
  providers: [TasksService],
  exports: [TasksService],
})
export class TasksModule {}

@Module({ imports: [TasksModule], providers: [TasksResolver, ApplicationTasksResolver] })
export class TasksApiModule {}
