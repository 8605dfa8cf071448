import { readEnvironment } from '@lumbung/core';
import { createApiApplication } from './bootstrap';

async function main(): Promise<void> {
  const env = readEnvironment();
  const app = await createApiApplication(env);
  await app.listen(env.port);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
