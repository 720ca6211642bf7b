// Core v1 Events, as the real components write them: one object per
// (object, reason, message), repeated occurrences bump count and lastTimestamp.
import type { KObject, Store } from '../store';
import { isoTime, schedulingNode } from './util';

export type EventType = 'Normal' | 'Warning';

const EVENT_TTL_MS = 60 * 60 * 1000;

export class Recorder {
  /** dedup key -> event name; rebuilt lazily from the store after a restore. */
  private readonly names = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  record(
    obj: KObject,
    type: EventType,
    reason: string,
    message: string,
    component: string,
    fieldPath?: string,
  ): void {
    const namespace = obj.metadata.namespace ?? 'default';
    const key = `${namespace}\0${obj.metadata.uid}\0${type}\0${reason}\0${message}`;
    const stamp = isoTime(this.now());
    const knownName = this.names.get(key);
    const existing = knownName ? this.store.get('events', namespace, knownName) : undefined;
    if (existing) {
      this.store.update('events', {
        ...existing,
        count: (typeof existing.count === 'number' ? existing.count : 1) + 1,
        lastTimestamp: stamp,
      });
      return;
    }
    const name = `${obj.metadata.name}.${(BigInt(this.now()) * 1_000_000n + BigInt(this.names.size % 1_000_000)).toString(16)}`;
    const host = component === 'kubelet' ? schedulingNode(this.store).name : undefined;
    const involvedObject: Record<string, unknown> = {
      kind: obj.kind,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name,
      uid: obj.metadata.uid,
      apiVersion: obj.apiVersion,
      resourceVersion: obj.metadata.resourceVersion,
    };
    if (fieldPath) involvedObject.fieldPath = fieldPath;
    const event: KObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: JSON.parse(JSON.stringify(involvedObject)) as Record<string, unknown>,
      reason,
      message,
      source: host ? { component, host } : { component },
      firstTimestamp: stamp,
      lastTimestamp: stamp,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: component,
      reportingInstance: host ?? '',
    };
    try {
      this.store.create('events', event);
      this.names.set(key, name);
    } catch {
      // A name clash within the same nanosecond bucket: dropping one event is harmless.
    }
  }

  /** Drops events older than an hour, like the API server's event TTL. */
  prune(): void {
    const cutoff = this.now() - EVENT_TTL_MS;
    for (const event of this.store.list('events')) {
      const last = Date.parse(
        String(event.lastTimestamp ?? event.metadata.creationTimestamp ?? ''),
      );
      if (!Number.isNaN(last) && last < cutoff) {
        try {
          this.store.delete('events', event.metadata.namespace, event.metadata.name);
        } catch {
          // already gone
        }
      }
    }
    if (this.names.size > 50_000) this.names.clear();
  }
}
