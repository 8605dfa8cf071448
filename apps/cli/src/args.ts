import { type BusinessDate, businessDate, InvalidInputError } from '@lumbung/core';
import { type ChainHead, parseChainHead } from '@lumbung/ledger/standalone';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors';

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** Every command takes --help (-h) besides its own options. */
const helpOption = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * Strict parsing with node:util: unknown options, missing values and stray positionals are
 * usage errors worded in one line (Node's own messages run on with advice about `--`).
 */
export function parseCommandArgs<const O extends OptionSpecs>(
  command: string,
  args: readonly string[],
  options: O,
) {
  try {
    return parseArgs({
      args,
      options: { ...options, ...helpOption },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    // Not `instanceof Error`: node:util's errors come from another realm under Jest.
    const message = (error as { message?: unknown }).message;
    if (typeof message !== 'string') throw error;
    throw new UsageError(message.split(/\.\s/)[0].replace(/\.$/, ''), command);
  }
}

export function required(command: string, name: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') {
    throw new UsageError(`--${name} is required`, command);
  }
  return value.trim();
}

const cooperativeCode = /^[A-Z0-9][A-Z0-9-]{1,31}$/;

/** Cooperatives are named by their code (KSP-KUPANG); lower case is accepted. */
export function cooperativeCodeArg(command: string, value: string | undefined): string {
  const code = required(command, 'cooperative', value).toUpperCase();
  if (!cooperativeCode.test(code)) {
    throw new UsageError(
      `--cooperative must be a cooperative code such as KSP-KUPANG, got "${value}"`,
      command,
    );
  }
  return code;
}

/** A calendar date YYYY-MM-DD, validated as businessDate() does. */
export function dateArg(command: string, name: string, value: string | undefined): BusinessDate {
  const date = required(command, name, value);
  try {
    return businessDate(date, `--${name}`);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    throw new UsageError(`${error.detail}, got "${date}"`, command);
  }
}

/** A chain head as chain-head prints it, <block sequence>:<hash>; absent is fine. */
export function chainHeadArg(command: string, value: string | undefined): ChainHead | undefined {
  if (value === undefined) return undefined;
  try {
    return parseChainHead(value, '--head');
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    throw new UsageError(`${error.detail}, got "${value}"`, command);
  }
}

export function choiceArg<const C extends readonly string[]>(
  command: string,
  name: string,
  value: string | undefined,
  choices: C,
  fallback: C[number],
): C[number] {
  if (value === undefined) return fallback;
  if (!choices.includes(value)) {
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got "${value}"`, command);
  }
  return value;
}
