import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import type { CliIo } from '../command';

const run = promisify(execFile);

async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * DESIGN.md section 4: REDIS_URL if set; otherwise 127.0.0.1:6379; otherwise `docker compose up
 * -d redis`; otherwise say exactly what to install. Resolves to an error message, or undefined.
 */
export async function ensureRedis(
  url: string,
  explicit: boolean,
  io: CliIo,
): Promise<string | undefined> {
  if (await answers(url)) return undefined;
  if (explicit) return `Redis does not answer at REDIS_URL (${url}); start it or unset REDIS_URL`;
  io.out('  Redis does not answer on 127.0.0.1:6379: trying `docker compose up -d redis`');
  try {
    await run('docker', ['compose', 'up', '-d', 'redis'], { timeout: 120_000 });
    for (let i = 0; i < 30; i++) {
      if (await answers(url)) return undefined;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  } catch {
    // No Docker engine: fall through to the instructions.
  }
  return (
    'Redis 7 is needed for the worker and /health. Install and start it, then run the demo again:\n' +
    '    Debian/Ubuntu: sudo apt-get install redis-server && sudo systemctl start redis-server\n' +
    '    macOS:         brew install redis && brew services start redis\n' +
    '    Docker:        docker compose up -d redis\n' +
    '  or point REDIS_URL at a Redis you have.'
  );
}
