import { runCli } from './cli';
import { processIo } from './command';

// `lumbung trial-balance ... | head` closes the pipe early: that is not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// Every command ends in process.exit below. Reaching beforeExit means a promise was left
// pending with nothing to settle it: a bug, never a success.
process.once('beforeExit', () => {
  process.stderr.write('lumbung: the command stopped without finishing (internal error)\n');
  process.exit(1);
});

// An explicit exit: the demo's embedded PostgreSQL hooks process events (beforeExit) and would
// otherwise turn a failure's exit code into 0. stdout and stderr are synchronous on Linux files,
// pipes and terminals, so nothing written is lost.
void runCli(process.argv.slice(2), processIo()).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`lumbung: ${String(error)}\n`);
    process.exit(1);
  },
);
