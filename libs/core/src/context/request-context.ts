import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is acting and under which request: read by the audit log and the logs. */
export interface RequestContext {
  readonly requestId: string;
  /** Set once authentication has run, after the context was bound. */
  actorId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}
