import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs `build` once per test run, whichever suite asks first: suites run in parallel workers, and
 * a second build rewriting its output under a running process would make it read half-written
 * files. The others wait for the first to finish and share its outcome.
 */
export async function buildOnce(name: string, build: () => Promise<void>): Promise<void> {
  const marker = join(
    tmpdir(),
    `lumbung-${name}-build-${process.env.LUMBUNG_TEST_RUN ?? process.pid}`,
  );
  try {
    await mkdir(`${marker}.lock`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return waitForBuild(name, marker);
  }
  try {
    await build();
    await writeFile(marker, 'built');
  } catch (error) {
    await writeFile(marker, `failed: ${String(error)}`);
    throw error;
  }
}

async function waitForBuild(name: string, marker: string): Promise<void> {
  for (;;) {
    const outcome = await readFile(marker, 'utf8').catch(() => undefined);
    if (outcome === 'built') return;
    if (outcome?.startsWith('failed'))
      throw new Error(`the ${name} build of another suite ${outcome}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
