// One cluster's helm release Secrets, held in memory: a LIST, then a WATCH
// that patches it. Events older than what is held are dropped; a 410 Gone
// (history compacted) triggers a fresh LIST. Decoding happens only when a
// page asks, once per (uid, resourceVersion).
import type { TKubeSecret } from './release-secret';
import { ReleaseStore, rvNewer } from './release-store';

export type TWatchEvent = {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR' | string;
  object: TKubeSecret & { code?: number; message?: string };
};

/** The little of the Kubernetes API the cache needs; @kubernetes/client-node can back it. */
export interface TReleaseSecretSource {
  list(labelSelector: string): Promise<{ items: TKubeSecret[]; resourceVersion: string }>;
  /** Starts a watch after `resourceVersion`; `onError(null)` means the stream simply ended. */
  watch(
    labelSelector: string,
    resourceVersion: string,
    onEvent: (event: TWatchEvent) => void,
    onError: (err: unknown) => void,
  ): (() => void) | Promise<() => void>;
}

export type TCacheState = {
  phase: 'idle' | 'syncing' | 'ready' | 'error' | 'stopped';
  error: string | null;
  /** Now while the watch is healthy, else when the data was last known current. */
  lastGoodAt: Date | null;
  resourceVersion: string | null;
  lists: number;
};

export type TReleaseCacheOptions = {
  labelSelector?: string;
  /** Delay before re-watching or re-listing after a failure. */
  retryDelayMs?: number;
  now?: () => Date;
};

function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  return typeof err === 'string' ? err : 'watch failed';
}

function isGone(err: unknown): boolean {
  const e = err as { code?: unknown; statusCode?: unknown; status?: unknown } | null;
  return !!e && (e.code === 410 || e.statusCode === 410 || e.status === 410);
}

/** A ReleaseStore kept current by LIST+WATCH through an injected source. */
export class ReleaseCache extends ReleaseStore {
  private readonly listeners = new Set<() => void>();
  private readonly selector: string;
  private readonly retryDelayMs: number;
  private readonly now: () => Date;
  private st: TCacheState = {
    phase: 'idle',
    error: null,
    lastGoodAt: null,
    resourceVersion: null,
    lists: 0,
  };
  private session = 0;
  private stopWatch: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly source: TReleaseSecretSource,
    opts: TReleaseCacheOptions = {},
  ) {
    super();
    this.selector = opts.labelSelector ?? 'owner=helm';
    this.retryDelayMs = opts.retryDelayMs ?? 2000;
    this.now = opts.now ?? (() => new Date());
  }

  /** Lists, then watches; resolves after the first LIST succeeded or failed (then retries). */
  async start(): Promise<void> {
    if (this.st.phase !== 'idle' && this.st.phase !== 'stopped') return;
    await this.relist();
  }

  stop(): void {
    this.session++;
    this.stopWatch?.();
    this.stopWatch = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.setState({ phase: 'stopped', lastGoodAt: this.state().lastGoodAt });
  }

  state(): TCacheState {
    return this.st.phase === 'ready' ? { ...this.st, lastGoodAt: this.now() } : { ...this.st };
  }

  /** Called after every change of data or state; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setState(patch: Partial<TCacheState>): void {
    this.st = { ...this.st, ...patch };
    for (const l of this.listeners) l();
  }

  private async relist(): Promise<void> {
    const session = ++this.session;
    this.stopWatch?.();
    this.stopWatch = null;
    this.setState({ phase: 'syncing' });
    let listed: { items: TKubeSecret[]; resourceVersion: string };
    try {
      listed = await this.source.list(this.selector);
    } catch (err) {
      if (session === this.session) this.fail(err, 'relist');
      return;
    }
    if (session !== this.session) return;
    this.replaceAll(listed.items);
    this.setState({
      phase: 'ready',
      error: null,
      resourceVersion: listed.resourceVersion,
      lists: this.st.lists + 1,
    });
    await this.watch(session);
  }

  private async watch(session: number): Promise<void> {
    const onEvent = (e: TWatchEvent) => {
      if (session === this.session) this.onEvent(e);
    };
    const onError = (err: unknown) => {
      if (session !== this.session) return;
      if (isGone(err)) void this.relist();
      else if (err) this.fail(err, 'rewatch');
      else this.retry('rewatch', 0); // a normal end of stream: carry on from where we are
    };
    try {
      const stop = await this.source.watch(
        this.selector,
        this.st.resourceVersion ?? '',
        onEvent,
        onError,
      );
      if (session === this.session) this.stopWatch = stop;
      else stop();
    } catch (err) {
      onError(err);
    }
  }

  private onEvent(e: TWatchEvent): void {
    const rv = e.object.metadata?.resourceVersion;
    if (e.type === 'ERROR') {
      if (e.object.code === 410) void this.relist();
      else this.fail(new Error(e.object.message ?? 'watch error'), 'rewatch');
      return;
    }
    let changed = false;
    if (e.type === 'ADDED' || e.type === 'MODIFIED') changed = this.put(e.object);
    else if (e.type === 'DELETED') changed = this.delete(e.object);
    // BOOKMARKs only move the resourceVersion a re-watch resumes from.
    if (rv && rvNewer(rv, this.st.resourceVersion ?? undefined)) this.st.resourceVersion = rv;
    if (changed) this.setState({});
  }

  private fail(err: unknown, then: 'relist' | 'rewatch'): void {
    const lastGoodAt = this.st.phase === 'ready' ? this.now() : this.st.lastGoodAt;
    this.setState({ phase: 'error', error: errorText(err), lastGoodAt });
    this.retry(then, this.retryDelayMs);
  }

  private retry(then: 'relist' | 'rewatch', delayMs: number): void {
    const session = ++this.session;
    this.stopWatch?.();
    this.stopWatch = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (session !== this.session) return;
      if (then === 'relist') void this.relist();
      else {
        if (this.st.phase === 'error') this.setState({ phase: 'ready', error: null });
        void this.watch(session);
      }
    }, delayMs);
    this.timer.unref?.();
  }
}
