/**
 * What the logs keep of a request: method and path. Never the query string (a member search
 * carries identity numbers, UU PDP 27/2022) nor the headers (bearer tokens).
 */
export function loggablePath(url: string | undefined): string {
  return (url ?? '').split('?')[0];
}

export function loggableRequest(request: { id?: unknown; method?: string; url?: string }) {
  return { id: request.id, method: request.method, path: loggablePath(request.url) };
}
