import { minPasswordLength } from '@lumbung/auth';
import { CliError } from './errors';

/** What a run of typed characters did to a hidden entry. */
export interface HiddenEntry {
  readonly typed: string;
  readonly state: 'typing' | 'entered' | 'cancelled';
}

/**
 * Raw-mode keystrokes into the secret being typed: Enter ends it, Ctrl-C cancels, Backspace and
 * Ctrl-U edit; other control keys and escape sequences (arrows) are ignored, never stored.
 */
export function typeHidden(typed: string, chunk: string): HiddenEntry {
  if (chunk.startsWith('\x1b')) return { typed, state: 'typing' };
  let text = typed;
  for (const char of chunk) {
    if (char === '\r' || char === '\n' || char === '\x04') return { typed: text, state: 'entered' };
    if (char === '\x03') return { typed: '', state: 'cancelled' };
    if (char === '\x7f' || char === '\b') text = Array.from(text).slice(0, -1).join('');
    else if (char === '\x15') text = '';
    else if (char >= ' ') text += char;
  }
  return { typed: text, state: 'typing' };
}

/** The first line of piped input, without its line ending; undefined when nothing came. */
export function firstLine(text: string): string | undefined {
  if (text === '') return undefined;
  return text.split('\n')[0].replace(/\r$/, '');
}

async function readPipedLine(input: NodeJS.ReadStream): Promise<string | undefined> {
  input.setEncoding('utf8');
  let text = '';
  for await (const chunk of input) {
    text += chunk as string;
    // The rest of the input is not ours to wait for.
    if (text.includes('\n')) break;
  }
  return firstLine(text);
}

function promptHidden(
  input: NodeJS.ReadStream,
  output: NodeJS.WritableStream,
  prompt: string,
): Promise<string> {
  output.write(prompt);
  input.setEncoding('utf8');
  input.setRawMode(true);
  input.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const onData = (chunk: string): void => {
      const entry = typeHidden(typed, chunk);
      typed = entry.typed;
      if (entry.state === 'typing') return;
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      // Raw mode turns Ctrl-C into a keystroke: exit as the signal would have.
      if (entry.state === 'cancelled') reject(new CliError('cancelled', 130));
      else resolve(typed);
    };
    input.on('data', onData);
  });
}

function checkLength(password: string): string {
  if (password.length < minPasswordLength) {
    throw new CliError(`the password must be at least ${minPasswordLength} characters`);
  }
  return password;
}

/**
 * A new user's password: the first line of stdin when it is piped, else asked twice on the
 * terminal without echo. Prompts go to stderr so stdout carries only the result.
 */
export async function readNewPassword(
  username: string,
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
): Promise<string> {
  if (!input.isTTY) {
    const piped = await readPipedLine(input);
    if (piped === undefined) {
      throw new CliError(
        'no password on stdin: pipe it in (first line) or run on a terminal to be asked',
      );
    }
    return checkLength(piped);
  }
  const password = checkLength(await promptHidden(input, output, `Password for ${username}: `));
  if ((await promptHidden(input, output, 'Repeat the password: ')) !== password) {
    throw new CliError('the two passwords differ: nothing was created');
  }
  return password;
}
