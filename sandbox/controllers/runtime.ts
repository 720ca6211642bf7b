// A tiny controller runtime: store events map to keys, keys go into one
// de-duplicated queue drained on the next turn of the event loop, so a
// healthy rollout converges right after the write that started it (helm 3's
// first readiness poll comes immediately after its writes).
import type { Store, StoreEvent } from '../store';

export interface Ref {
  namespace?: string;
  name: string;
}

/**
 * The keys of every object of `resource`, for a full resync. Read without
 * copies: a resync visits every object every 30 s.
 */
export function refsOf(store: Store, resource: string): Ref[] {
  return store
    .listReadonly(resource)
    .map((o) => ({ namespace: o.metadata.namespace, name: o.metadata.name }));
}

export interface Controller {
  name: string;
  /** Keys of this controller to reconcile because of a store change. */
  keysFor(event: StoreEvent, ctx: Ctx): Ref[];
  /** Every key this controller should look at on a full resync. */
  allKeys(ctx: Ctx): Ref[];
  reconcile(ref: Ref, ctx: Ctx): void;
}

export interface Ctx {
  store: Store;
  now(): number;
  /** Reconcile `ref` of controller `name` again in `ms` (the earliest request wins). */
  after(name: string, ref: Ref, ms: number): void;
  enqueue(name: string, ref: Ref): void;
}

interface Item {
  controller: Controller;
  ref: Ref;
}

const MAX_PER_TURN = 5_000;

export class Runtime implements Ctx {
  private readonly controllers = new Map<string, Controller>();
  private readonly pending = new Map<string, Item>();
  private readonly timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private scheduled = false;
  private stopped = false;

  constructor(readonly store: Store) {}

  now(): number {
    return Date.now();
  }

  add(controller: Controller): void {
    this.controllers.set(controller.name, controller);
  }

  /** Feeds one store event to every controller. Runs inside the store's emit: it only enqueues. */
  onEvent(event: StoreEvent): void {
    if (this.stopped) return;
    for (const controller of this.controllers.values()) {
      for (const ref of controller.keysFor(event, this)) this.push(controller, ref);
    }
  }

  resyncAll(): void {
    for (const controller of this.controllers.values()) {
      for (const ref of controller.allKeys(this)) this.push(controller, ref);
    }
  }

  enqueue(name: string, ref: Ref): void {
    const controller = this.controllers.get(name);
    if (controller) this.push(controller, ref);
  }

  after(name: string, ref: Ref, ms: number): void {
    if (this.stopped) return;
    const key = `${name}\0${ref.namespace ?? ''}\0${ref.name}`;
    const at = this.now() + Math.max(0, ms);
    const existing = this.timers.get(key);
    if (existing && existing.at <= at) return;
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(
      () => {
        this.timers.delete(key);
        this.enqueue(name, ref);
      },
      Math.max(0, ms) + 5,
    );
    timer.unref();
    this.timers.set(key, { at, timer });
  }

  /** Runs the queue now, synchronously (unit tests use it to step the cluster). */
  drain(): void {
    let count = 0;
    while (this.pending.size > 0 && !this.stopped) {
      if (count++ >= MAX_PER_TURN) {
        this.schedule();
        return;
      }
      const [key, item] = this.pending.entries().next().value as [string, Item];
      this.pending.delete(key);
      try {
        item.controller.reconcile(item.ref, this);
      } catch (err) {
        // A conflict or a vanished object is normal churn: look again shortly.
        if (!(err instanceof Error && 'reason' in err))
          console.error(`sandbox controller ${item.controller.name}:`, err);
        this.after(item.controller.name, item.ref, 200);
      }
    }
  }

  stop(): void {
    this.stopped = true;
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.pending.clear();
  }

  private push(controller: Controller, ref: Ref): void {
    const key = `${controller.name}\0${ref.namespace ?? ''}\0${ref.name}`;
    if (!this.pending.has(key)) this.pending.set(key, { controller, ref });
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.drain();
    });
  }
}
