import { PassThrough } from 'node:stream';
import { CliError } from './errors';
import { firstLine, readNewPassword, typeHidden } from './password-input';

/** A terminal stand-in: keystrokes come in as chunks, raw mode is recorded. */
function terminal(...keystrokes: string[]) {
  const input = Object.assign(new PassThrough(), {
    isTTY: true,
    rawModes: [] as boolean[],
    setRawMode(mode: boolean) {
      input.rawModes.push(mode);
      return input;
    },
  });
  const output = new PassThrough();
  const shown: string[] = [];
  output.on('data', (chunk: Buffer) => {
    shown.push(chunk.toString());
    // Someone types once a prompt shows.
    if (!chunk.toString().endsWith(': ')) return;
    const typed = keystrokes.shift();
    if (typed) setImmediate(() => input.write(typed));
  });
  return { input: input as unknown as NodeJS.ReadStream, output, shown, rawModes: input.rawModes };
}

function piped(text: string): NodeJS.ReadStream {
  const input = new PassThrough();
  input.end(text);
  return Object.assign(input, { isTTY: false }) as unknown as NodeJS.ReadStream;
}

describe('typeHidden', () => {
  it('collects printable characters until Enter', () => {
    expect(typeHidden('', 'abc')).toEqual({ typed: 'abc', state: 'typing' });
    expect(typeHidden('abc', 'd\r')).toEqual({ typed: 'abcd', state: 'entered' });
  });

  it('edits with Backspace and Ctrl-U, and ignores arrows and other control keys', () => {
    expect(typeHidden('abc', '\x7f\x7fz')).toEqual({ typed: 'az', state: 'typing' });
    expect(typeHidden('kata sandi', '\x15')).toEqual({ typed: '', state: 'typing' });
    expect(typeHidden('ab', '\x1b[D')).toEqual({ typed: 'ab', state: 'typing' });
    expect(typeHidden('ab', '\t\x01c')).toEqual({ typed: 'abc', state: 'typing' });
  });

  it('removes a whole character, not half of one', () => {
    expect(typeHidden('sandi🔑', '\x7f')).toEqual({ typed: 'sandi', state: 'typing' });
  });

  it('forgets what was typed on Ctrl-C', () => {
    expect(typeHidden('secret', '\x03')).toEqual({ typed: '', state: 'cancelled' });
  });
});

describe('firstLine', () => {
  it('takes the first line without its line ending, spaces kept', () => {
    expect(firstLine('kata sandi panjang \nsecond\n')).toBe('kata sandi panjang ');
    expect(firstLine('windows line\r\n')).toBe('windows line');
    expect(firstLine('no newline at all')).toBe('no newline at all');
  });

  it('tells nothing from an empty line', () => {
    expect(firstLine('')).toBeUndefined();
    expect(firstLine('\n')).toBe('');
  });
});

describe('readNewPassword', () => {
  it('reads the first line of piped stdin', async () => {
    expect(await readNewPassword('ina', piped('a long passphrase\nrest\n'))).toBe(
      'a long passphrase',
    );
  });

  it('refuses empty stdin and a short password', async () => {
    await expect(readNewPassword('ina', piped(''))).rejects.toThrow('no password on stdin');
    await expect(readNewPassword('ina', piped('short\n'))).rejects.toThrow(
      'the password must be at least 12 characters',
    );
  });

  it('asks twice on a terminal without echo, and restores the terminal', async () => {
    const tty = terminal('a long passphrase\r', 'a long passphrase\r');
    expect(await readNewPassword('ina', tty.input, tty.output)).toBe('a long passphrase');
    expect(tty.shown.join('')).toBe('Password for ina: \nRepeat the password: \n');
    expect(tty.rawModes).toEqual([true, false, true, false]);
  });

  it('refuses two different entries', async () => {
    const tty = terminal('a long passphrase\r', 'a lung passphrase\r');
    await expect(readNewPassword('ina', tty.input, tty.output)).rejects.toThrow(
      'the two passwords differ: nothing was created',
    );
  });

  it('exits as Ctrl-C would', async () => {
    const tty = terminal('a long\x03');
    const refusal = readNewPassword('ina', tty.input, tty.output);
    await expect(refusal).rejects.toBeInstanceOf(CliError);
    await expect(refusal).rejects.toMatchObject({ message: 'cancelled', exitCode: 130 });
  });
});
