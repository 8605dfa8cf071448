/** Where a command writes: real streams in main.ts, buffers in specs. */
export interface CliIo {
  /** A line (or lines) of the command's result, on stdout. */
  out(text: string): void;
  /** Warnings and errors, on stderr. */
  err(text: string): void;
}

export interface CommandContext {
  readonly io: CliIo;
  readonly env: NodeJS.ProcessEnv;
}

/** One operator command of DESIGN.md section 4. */
export interface Command {
  readonly name: string;
  /** One line for the overall usage. */
  readonly summary: string;
  /** The full `--help` text. */
  readonly help: string;
  /** Resolves to the exit code; throws for a failure that main turns into one line on stderr. */
  run(args: readonly string[], context: CommandContext): Promise<number>;
}

export function processIo(): CliIo {
  return {
    out: (text) => void process.stdout.write(`${text}\n`),
    err: (text) => void process.stderr.write(`${text}\n`),
  };
}
