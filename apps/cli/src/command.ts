/** Where a command writes: real streams in main.ts, buffers in specs. */
export interface CliIo {
  /** A line (or lines) of the command's result, on stdout. */
  out(text: string): void;
  /** Warnings and errors, on stderr. */
  err(text: string): void;
  /**
   * A status line for someone watching, rewritten in place ('' clears it). Only on a terminal:
   * absent when stderr is a pipe or a file, so scripts and logs see results only.
   */
  progress?(text: string): void;
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

/**
 * A command as the dispatcher lists it: its name and summary, and its module loaded only when it
 * runs or shows its help. A command's module brings what it needs (Nest, TypeORM, every library
 * for the demo); loading all of them for every command cost each process about 160 MB and a few
 * seconds before its first query, and `export ledger` is held to 128 MB.
 */
export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  load(): Promise<Command>;
}

export function processIo(): CliIo {
  const io: CliIo = {
    out: (text) => void process.stdout.write(`${text}\n`),
    err: (text) => void process.stderr.write(`${text}\n`),
  };
  if (!process.stderr.isTTY) return io;
  // Carriage return and erase-line: the next status (or result) takes the same line.
  return { ...io, progress: (text) => void process.stderr.write(`\r\x1b[2K${text}`) };
}
