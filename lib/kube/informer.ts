// One list-then-watch runner for every collection the read model keeps:
// LIST, then WATCH from the list's resourceVersion; events older than the
// object held are dropped; a 410 Gone (history compacted) relists; other
// failures retry with a growing delay. A session counter makes answers of a
// superseded list or watch harmless. What is kept per object is the store's
// business, so the release Secret cache and the workload source share this.

export type TListed<T> = { items: T[]; resourceVersion: string };

export type TInformerEvent<T> = {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR' | string;
  object: T & { code?: number; message?: string; metadata?: { resourceVersion?: string } };
};

/** The little of the Kubernetes API an informer needs. */
export interface TInformerSource<T> {
  list(): Promise<TListed<T>>;
  /** Watches after `resourceVersion`; `onDone(null)` means the stream simply ended. */
  watch(
    resourceVersion: string,
    onEvent: (event: TInformerEvent<T>) => void,
    onDone: (err: unknown) => void,
  ): (() => void) | Promise<() => void>;
}

/** Where an informer keeps its objects. */
export interface TInformerStore<T> {
  /** resourceVersion of the object held under `key`, undefined when none. */
  versionOf(key: string): string | undefined;
  /** Holds the object; false when the store refused it (not one of its kind after all). */
  set(key: string, object: T): boolean;
  remove(key: string): void;
  /** A fresh LIST, the truth even if a resourceVersion went backwards (restored etcd). */
  replaceAll(items: T[]): void;
}

export type TInformerState = {
  phase: 'idle' | 'syncing' | 'ready' | 'error' | 'stopped';
  error: string | null;
  /** Now while the watch is healthy, else when the data was last known current. */
  lastGoodAt: Date | null;
  resourceVersion: string | null;
  lists: number;
};

/** What changed: every object (a LIST), one object (an event), or only the state. */
export type TInformerChange =
  { kind: 'list' } | { kind: 'object'; key: string } | { kind: 'state' };

export type TInformerOptions<T> = {
  keyOf: (object: T) => string;
  /** First delay before re-watching or re-listing after a failure; doubles up to maxRetryDelayMs. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  describeError?: (err: unknown) => string;
  now?: () => Date;
};

/** resourceVersions are opaque, but real servers use integers: order them when both are. */
export function rvNewer(incoming: string | undefined, held: string | undefined): boolean {
  if (!incoming || !held || !/^\d+$/.test(incoming) || !/^\d+$/.test(held)) return true;
  return BigInt(incoming) > BigInt(held);
}

function isGone(err: unknown): boolean {
  const e = err as { code?: unknown; statusCode?: unknown; status?: unknown } | null;
  return !!e && (e.code === 410 || e.statusCode === 410 || e.status === 410);
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  return typeof err === 'string' ? err : 'watch failed';
}

/** A store kept current by LIST+WATCH through a source. */
export class Informer<T extends { metadata?: { resourceVersion?: string } }> {
  private readonly listeners = new Set<(change: TInformerChange) => void>();
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly now: () => Date;
  private readonly describe: (err: unknown) => string;
  private delayMs: number;
  private st: TInformerState = {
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
    private readonly source: TInformerSource<T>,
    private readonly store: TInformerStore<T>,
    private readonly opts: TInformerOptions<T>,
  ) {
    this.baseDelayMs = opts.retryDelayMs ?? 2000;
    this.maxDelayMs = Math.max(this.baseDelayMs, opts.maxRetryDelayMs ?? 30_000);
    this.delayMs = this.baseDelayMs;
    this.now = opts.now ?? (() => new Date());
    this.describe = opts.describeError ?? errorText;
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

  state(): TInformerState {
    return this.st.phase === 'ready' ? { ...this.st, lastGoodAt: this.now() } : { ...this.st };
  }

  /** Called after every change of data or state; returns the unsubscribe function. */
  subscribe(listener: (change: TInformerChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(change: TInformerChange): void {
    for (const l of this.listeners) l(change);
  }

  private setState(patch: Partial<TInformerState>): void {
    this.st = { ...this.st, ...patch };
    this.emit({ kind: 'state' });
  }

  private async relist(): Promise<void> {
    const session = ++this.session;
    this.stopWatch?.();
    this.stopWatch = null;
    this.setState({ phase: 'syncing' });
    let listed: TListed<T>;
    try {
      listed = await this.source.list();
    } catch (err) {
      if (session === this.session) this.fail(err, 'relist');
      return;
    }
    if (session !== this.session) return;
    this.store.replaceAll(listed.items);
    this.delayMs = this.baseDelayMs;
    this.st = {
      ...this.st,
      phase: 'ready',
      error: null,
      resourceVersion: listed.resourceVersion,
      lists: this.st.lists + 1,
    };
    this.emit({ kind: 'list' });
    await this.watch(session);
  }

  private async watch(session: number): Promise<void> {
    const onEvent = (e: TInformerEvent<T>) => {
      if (session === this.session) this.onEvent(e);
    };
    const onDone = (err: unknown) => {
      if (session !== this.session) return;
      if (isGone(err)) void this.relist();
      else if (err) this.fail(err, 'rewatch');
      else this.retry('rewatch', 0); // a normal end of stream: carry on from where we are
    };
    try {
      const stop = await this.source.watch(this.st.resourceVersion ?? '', onEvent, onDone);
      if (session === this.session) this.stopWatch = stop;
      else stop();
    } catch (err) {
      onDone(err);
    }
  }

  private onEvent(e: TInformerEvent<T>): void {
    const rv = e.object.metadata?.resourceVersion;
    if (e.type === 'ERROR') {
      if (e.object.code === 410) void this.relist();
      else this.fail(new Error(e.object.message ?? 'watch error'), 'rewatch');
      return;
    }
    let changed: string | null = null;
    if (e.type === 'ADDED' || e.type === 'MODIFIED' || e.type === 'DELETED') {
      const key = this.opts.keyOf(e.object);
      const held = this.store.versionOf(key);
      const newer = held === undefined ? e.type !== 'DELETED' : rvNewer(rv, held);
      if (newer && e.type === 'DELETED') {
        this.store.remove(key);
        changed = key;
      } else if (newer && this.store.set(key, e.object)) changed = key;
    }
    // BOOKMARKs only move the resourceVersion a re-watch resumes from.
    if (rv && rvNewer(rv, this.st.resourceVersion ?? undefined)) this.st.resourceVersion = rv;
    if (changed !== null) this.emit({ kind: 'object', key: changed });
  }

  private fail(err: unknown, then: 'relist' | 'rewatch'): void {
    const lastGoodAt = this.st.phase === 'ready' ? this.now() : this.st.lastGoodAt;
    this.setState({ phase: 'error', error: this.describe(err), lastGoodAt });
    const delay = this.delayMs;
    this.delayMs = Math.min(this.maxDelayMs, this.delayMs * 2);
    this.retry(then, delay);
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

/** A plain key -> object store, for collections kept whole. */
export class MapStore<
  T extends { metadata?: { resourceVersion?: string } },
> implements TInformerStore<T> {
  readonly objects = new Map<string, T>();
  constructor(private readonly keyOf: (object: T) => string) {}
  versionOf(key: string): string | undefined {
    const held = this.objects.get(key);
    return held ? (held.metadata?.resourceVersion ?? '') : undefined;
  }
  set(key: string, object: T): boolean {
    this.objects.set(key, object);
    return true;
  }
  remove(key: string): void {
    this.objects.delete(key);
  }
  replaceAll(items: T[]): void {
    this.objects.clear();
    for (const o of items) this.objects.set(this.keyOf(o), o);
  }
}
