// One cluster's helm release Secrets, held in memory by the generic
// informer: a LIST, then a WATCH that patches it (see lib/kube/informer).
// Summaries are decoded as payloads arrive; whole revisions on demand.
import {
  Informer,
  type TInformerChange,
  type TInformerEvent,
  type TInformerState,
} from '@/lib/kube/informer';
import type { TKubeSecret } from './release-secret';
import { objectKey, ReleaseStore } from './release-store';

export type TWatchEvent = TInformerEvent<TKubeSecret>;

/** The little of the Kubernetes API the cache needs. */
export interface TReleaseSecretSource {
  /**
   * Every release Secret. Objects may come without `data` (a metadata-only
   * LIST): their summaries are then fetched when asked for.
   */
  list(labelSelector: string): Promise<{ items: TKubeSecret[]; resourceVersion: string }>;
  /** Starts a watch after `resourceVersion`; `onError(null)` means the stream simply ended. */
  watch(
    labelSelector: string,
    resourceVersion: string,
    onEvent: (event: TWatchEvent) => void,
    onError: (err: unknown) => void,
  ): (() => void) | Promise<() => void>;
  /** One Secret, whole. */
  get(namespace: string, name: string): Promise<TKubeSecret>;
}

export type TCacheState = TInformerState;

export type TReleaseCacheOptions = {
  labelSelector?: string;
  /** First delay before re-watching or re-listing after a failure (it grows while failures last). */
  retryDelayMs?: number;
  now?: () => Date;
};

/** A ReleaseStore kept current by LIST+WATCH through an injected source. */
export class ReleaseCache extends ReleaseStore {
  private readonly informer: Informer<TKubeSecret>;

  constructor(source: TReleaseSecretSource, opts: TReleaseCacheOptions = {}) {
    super((namespace, name) => source.get(namespace, name));
    const selector = opts.labelSelector ?? 'owner=helm';
    this.informer = new Informer<TKubeSecret>(
      {
        list: () => source.list(selector),
        watch: (rv, onEvent, onDone) => source.watch(selector, rv, onEvent, onDone),
      },
      this,
      { keyOf: objectKey, retryDelayMs: opts.retryDelayMs, now: opts.now },
    );
  }

  /** Lists, then watches; resolves after the first LIST succeeded or failed (then retries). */
  start(): Promise<void> {
    return this.informer.start();
  }

  stop(): void {
    this.informer.stop();
  }

  state(): TCacheState {
    return this.informer.state();
  }

  /** Called after every change of data or state; returns the unsubscribe function. */
  subscribe(listener: (change: TInformerChange) => void): () => void {
    return this.informer.subscribe(listener);
  }
}
