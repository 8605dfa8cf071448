import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import globalTeardown from './global-teardown';
import { stopPrivateServices } from './private-services';
import { removeWorkerBuilds } from './worker-process';

/**
 * After the fault suites, whatever happened in them: no private PostgreSQL, Redis or worker
 * process outlives the run (nor one a crashed run left); the run's worker build and template
 * database are gone.
 */
export default async function faultsTeardown(): Promise<void> {
  const run = process.env.LUMBUNG_TEST_RUN;
  await stopPrivateServices(run);
  await removeWorkerBuilds(run);
  const marker = join(tmpdir(), `lumbung-worker-build-${run ?? process.pid}`);
  await rm(marker, { force: true });
  await rm(`${marker}.lock`, { recursive: true, force: true });
  // The shared template too, when the fault suites ran on their own (--selectProjects faults).
  await globalTeardown();
}
