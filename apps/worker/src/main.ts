import { readEnvironment } from '@lumbung/core';
import { startWorker } from './bootstrap';

startWorker(readEnvironment()).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
