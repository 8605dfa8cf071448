import { InvalidInputError } from '@lumbung/core';

const usernamePattern = /^[a-z0-9][a-z0-9._-]{2,63}$/;
export const minPasswordLength = 12;
const maxPasswordLength = 256;

/** Usernames compare case-insensitively: `Ina.Teller` and `ina.teller` are one person. */
export function normaliseUsername(raw: string): string {
  const username = raw.trim().toLowerCase();
  if (!usernamePattern.test(username)) {
    throw new InvalidInputError('username is not valid', [
      {
        field: 'username',
        message: '3-64 characters: letters, digits, dot, dash or underscore, starting alphanumeric',
      },
    ]);
  }
  return username;
}

/** Length over composition rules (NIST SP 800-63B): a passphrase beats `P@ssw0rd1`. */
export function checkPassword(password: string): void {
  if (password.length < minPasswordLength || password.length > maxPasswordLength) {
    throw new InvalidInputError('password is not acceptable', [
      {
        field: 'password',
        message: `must be ${minPasswordLength} to ${maxPasswordLength} characters`,
      },
    ]);
  }
}
