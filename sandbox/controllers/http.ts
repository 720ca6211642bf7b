// What the pods of the sandbox "serve": container logs and answers through
// the services proxy, derived from pod state (no process runs anywhere).
import type { Store } from '../store';

export function podLog(_store: Store, _namespace: string, _pod: string, _container?: string): string | undefined {
  return undefined;
}

export function serviceProxy(
  _store: Store,
  _namespace: string,
  _service: string,
  _path: string,
): { status: number; contentType: string; body: string } {
  return { status: 503, contentType: 'text/plain', body: 'no endpoints' };
}
