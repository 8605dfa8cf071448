/** Token settings, from the environment (JWT_SECRET) through AuthModule.forRoot. */
export interface AuthOptions {
  /** Absent in processes that never issue or check tokens (the cli, the worker). */
  readonly jwtSecret?: string;
  readonly accessTokenSeconds?: number;
  readonly sessionHours?: number;
}

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

/** Short-lived access; a refresh token lasts a working day and is rotated on every use. */
export const defaultAccessTokenSeconds = 15 * 60;
export const defaultSessionHours = 12;
