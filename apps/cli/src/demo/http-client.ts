import { CliError } from '../errors';
import { demoPassword } from './users';

export async function demoLogin(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPassword }),
  });
  if (!response.ok) {
    throw new CliError(`POST /auth/login as ${username} answered ${response.status}`);
  }
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** One demo user talking to the api: every answer outside 2xx stops the demo with its problem. */
export class DemoClient {
  private constructor(
    private readonly base: string,
    readonly username: string,
    private readonly token: string,
  ) {}

  static async as(base: string, username: string): Promise<DemoClient> {
    return new DemoClient(base, username, await demoLogin(base, username));
  }

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  /** `key`: an Idempotency-Key, so running the demo again replays instead of posting twice. */
  post<T>(path: string, body: object, key?: string): Promise<T> {
    return this.call<T>('POST', path, body, key);
  }

  patch<T>(path: string, body: object): Promise<T> {
    return this.call<T>('PATCH', path, body);
  }

  /** A call whose refusal the caller handles: the status, the body and a problem's detail. */
  async attempt<T>(
    method: string,
    path: string,
    body?: object,
    key?: string,
  ): Promise<{ status: number; body: T; detail: string }> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        'content-type': 'application/json',
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const payload = (await response.json()) as T & { type?: string; detail?: string };
    return { status: response.status, body: payload, detail: payload.detail ?? payload.type ?? '' };
  }

  private async call<T>(method: string, path: string, body?: object, key?: string): Promise<T> {
    const answer = await this.attempt<T>(method, path, body, key);
    if (answer.status >= 300) {
      throw new CliError(
        `${method} ${path} as ${this.username} answered ${answer.status}: ${answer.detail}`,
      );
    }
    return answer.body;
  }
}
