import 'reflect-metadata';
import { exitOnBootFailure, loadDotEnv } from '@lib/config';
import { createWorkerApp } from './create-worker-app';

loadDotEnv();

createWorkerApp().catch(exitOnBootFailure);
