import 'reflect-metadata';
import { exitOnBootFailure } from '@lib/config';
import { createWorkerApp } from './create-worker-app';

createWorkerApp().catch(exitOnBootFailure);
