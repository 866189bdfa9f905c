/**
 * The API as `npm run start:api` runs it, its CPU profiled until it stops:
 * what api-server.ts starts instead when BENCH_API_CPU_PROFILE names a file.
 */
import { profileUntilStopped } from '../support/cpu-profile';

profileUntilStopped();
// After the profiler starts, so the API's whole life is in the profile.
void import('../../apps/api/src/main');
