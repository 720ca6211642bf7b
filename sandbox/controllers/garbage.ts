// Garbage collection by ownerReferences and namespace deletion. An object
// whose owners are all gone is deleted (background propagation); objects
// marked for foreground or orphan deletion are finished here.
import type { KObject, Store, StoreEvent } from '../store';
import { refsOf, type Controller, type Ctx, type Ref } from './runtime';
import { status } from './util';

interface Loc {
  resource: string;
  namespace?: string;
  name: string;
}

const GC_FINALIZERS = new Set(['foregroundDeletion', 'orphan']);

/** uid -> where the object lives, and owner uid -> dependents; kept from store events. */
export class OwnerIndex {
  readonly byUid = new Map<string, Loc>();
  readonly dependents = new Map<string, Map<string, Loc>>();
  private readonly ownersOf = new Map<string, string[]>();

  rebuild(store: Store): void {
    this.byUid.clear();
    this.dependents.clear();
    this.ownersOf.clear();
    for (const resource of store.resources())
      for (const obj of store.list(resource)) this.add(resource, obj);
  }

  apply(e: StoreEvent): void {
    if (e.resource === 'events') return;
    if (e.type === 'DELETED') this.remove(e.resource, e.object);
    else this.add(e.resource, e.object);
  }

  private add(resource: string, obj: KObject): void {
    const loc = { resource, namespace: obj.metadata.namespace, name: obj.metadata.name };
    if (obj.metadata.uid) this.byUid.set(obj.metadata.uid, loc);
    const key = `${resource}\0${loc.namespace ?? ''}\0${loc.name}`;
    for (const uid of this.ownersOf.get(key) ?? []) this.dependents.get(uid)?.delete(key);
    const refs = obj.metadata.ownerReferences ?? [];
    if (refs.length)
      this.ownersOf.set(
        key,
        refs.map((r) => r.uid),
      );
    else this.ownersOf.delete(key);
    for (const ref of refs) {
      let deps = this.dependents.get(ref.uid);
      if (!deps) this.dependents.set(ref.uid, (deps = new Map()));
      deps.set(key, loc);
    }
  }

  private remove(resource: string, obj: KObject): void {
    if (obj.metadata.uid && this.byUid.get(obj.metadata.uid)?.name === obj.metadata.name)
      this.byUid.delete(obj.metadata.uid);
    const key = `${resource}\0${obj.metadata.namespace ?? ''}\0${obj.metadata.name}`;
    for (const uid of this.ownersOf.get(key) ?? []) this.dependents.get(uid)?.delete(key);
    this.ownersOf.delete(key);
    if (obj.metadata.uid && this.dependents.get(obj.metadata.uid)?.size === 0)
      this.dependents.delete(obj.metadata.uid);
  }
}

function safeDelete(store: Store, loc: Loc): void {
  try {
    store.delete(loc.resource, loc.namespace, loc.name);
  } catch {
    // already gone
  }
}

/** Keys are owner uids (name) for dependents to collect, or `resource\0name` (namespace set) for deleting objects. */
export function garbageCollector(index: OwnerIndex): Controller {
  return {
    name: 'garbage',
    keysFor(e: StoreEvent) {
      const uid = e.object.metadata.uid;
      if (e.type === 'DELETED' && uid && index.dependents.get(uid)?.size) return [{ name: uid }];
      if (e.type === 'MODIFIED' && e.object.metadata.deletionTimestamp) {
        const finalizers = e.object.metadata.finalizers ?? [];
        if (finalizers.length > 0 && finalizers.every((f) => GC_FINALIZERS.has(f))) {
          return [
            {
              namespace: e.object.metadata.namespace ?? '',
              name: `${e.resource}\0${e.object.metadata.name}`,
            },
          ];
        }
      }
      return [];
    },
    allKeys() {
      // Orphans: dependents whose every owner is gone (e.g. after a restore).
      return [...index.dependents.keys()]
        .filter((uid) => !index.byUid.has(uid))
        .map((uid) => ({ name: uid }));
    },
    reconcile(ref: Ref, ctx: Ctx) {
      if (ref.namespace !== undefined) {
        const [resource = '', name = ''] = ref.name.split('\0');
        const namespace = ref.namespace || undefined;
        const obj = ctx.store.get(resource, namespace, name);
        if (!obj?.metadata.uid) return;
        const deps = [...(index.dependents.get(obj.metadata.uid)?.values() ?? [])];
        if (obj.metadata.finalizers?.includes('orphan')) {
          for (const loc of deps) {
            const dep = ctx.store.get(loc.resource, loc.namespace, loc.name);
            if (dep)
              ctx.store.update(loc.resource, {
                ...dep,
                metadata: {
                  ...dep.metadata,
                  ownerReferences: dep.metadata.ownerReferences?.filter(
                    (r) => r.uid !== obj.metadata.uid,
                  ),
                },
              });
          }
        } else {
          for (const loc of deps) safeDelete(ctx.store, loc);
        }
        safeDelete(ctx.store, { resource, namespace, name });
        return;
      }
      if (index.byUid.has(ref.name)) return;
      for (const loc of [...(index.dependents.get(ref.name)?.values() ?? [])]) {
        const dep = ctx.store.get(loc.resource, loc.namespace, loc.name);
        if (!dep) continue;
        const refs = dep.metadata.ownerReferences ?? [];
        const alive = refs.filter((r) => r.uid !== ref.name && index.byUid.has(r.uid));
        if (alive.length > 0)
          ctx.store.update(loc.resource, {
            ...dep,
            metadata: { ...dep.metadata, ownerReferences: alive },
          });
        else safeDelete(ctx.store, loc);
      }
    },
  };
}

/** Namespaces: phase Active, and deletion that empties them before they go. */
export function namespaceController(): Controller {
  const empty = (store: Store, namespace: string) => {
    for (const resource of store.resources()) {
      for (const obj of store.list(resource, namespace)) {
        if (obj.metadata.namespace === namespace)
          safeDelete(store, { resource, namespace, name: obj.metadata.name });
      }
    }
  };
  return {
    name: 'namespaces',
    keysFor: (e) => (e.resource === 'namespaces' ? [{ name: e.object.metadata.name }] : []),
    allKeys: (ctx) => refsOf(ctx.store, 'namespaces'),
    reconcile(ref: Ref, ctx: Ctx) {
      const ns = ctx.store.get('namespaces', undefined, ref.name);
      if (!ns) return empty(ctx.store, ref.name);
      if (ns.metadata.deletionTimestamp) {
        if (status(ns).phase !== 'Terminating')
          ctx.store.update('namespaces', {
            ...ns,
            status: { ...status(ns), phase: 'Terminating' },
          });
        empty(ctx.store, ref.name);
        const finalizers = ns.metadata.finalizers ?? [];
        if (finalizers.every((f) => f === 'kubernetes'))
          safeDelete(ctx.store, { resource: 'namespaces', name: ref.name });
        return;
      }
      if (!status(ns).phase)
        ctx.store.update('namespaces', { ...ns, status: { ...status(ns), phase: 'Active' } });
    },
  };
}
