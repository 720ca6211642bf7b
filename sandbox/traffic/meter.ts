// The request counters of one cluster's pods: background traffic accrues at
// each pod's current rate (recomputed shortly after anything that moves
// traffic changes), requests through the API server's proxies are counted
// one by one. Counters only grow; with a state dir they are saved and
// carried over a restart of the sandbox (no traffic accrues while it is down).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { KObject, Store, StoreEvent } from '../store';
import { asArr, spec } from '../controllers/util';
import { renderExposition, type TPodCounters } from './exposition';
import { profileOf } from './profile';
import { podRates, type TPodRate } from './routing';

const MOVES_TRAFFIC = new Set(['ingresses.networking.k8s.io', 'services', 'pods']);
const RECOMPUTE_AFTER_MS = 50;
const SAVE_EVERY_MS = 10_000;

export interface TMeterOptions {
  /** Background requests per second each Ingress host receives. */
  requestsPerHost: number;
  /** Where the counters are kept across restarts. */
  file?: string;
  now?: () => number;
}

interface TSaved {
  pods: Record<string, TPodCounters>;
}

export class RequestMeter {
  private pods = new Map<string, TPodCounters>();
  private rates = new Map<string, TPodRate>();
  private dirty = true;
  private last: number;
  private recompute?: NodeJS.Timeout;
  private saver?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private readonly now: () => number;

  constructor(
    private readonly store: Store,
    private readonly opts: TMeterOptions,
  ) {
    this.now = opts.now ?? Date.now;
    this.last = this.now();
    this.load();
  }

  start(): void {
    this.unsubscribe = this.store.subscribe((e) => this.onEvent(e));
    if (this.opts.file) {
      this.saver = setInterval(() => this.save(), SAVE_EVERY_MS);
      this.saver.unref();
    }
  }

  stop(): void {
    this.unsubscribe?.();
    clearTimeout(this.recompute);
    clearInterval(this.saver);
    this.save();
  }

  /** Counts one request a proxy sent to `pod`. */
  recordProxied(pod: KObject, code: number, method: string): void {
    this.advance();
    const counters = this.countersOf(pod);
    const key = `${code} ${method}`;
    counters.proxied[key] = (counters.proxied[key] ?? 0) + 1;
  }

  /** The pod's /metrics text, or undefined for a pod the cluster does not have. */
  exposition(namespace: string, name: string): string | undefined {
    const pod = this.store.get('pods', namespace, name);
    if (!pod) return undefined;
    this.advance();
    return renderExposition(this.countersOf(pod));
  }

  /** Accrues background traffic up to now at the rates in force since the last change. */
  advance(): void {
    const now = this.now();
    const seconds = Math.max(0, now - this.last) / 1000;
    this.last = now;
    if (seconds > 0) {
      for (const [uid, rate] of this.rates) {
        const pod = this.pods.get(uid) ?? this.countersOfRef(uid, rate);
        if (pod) pod.background += rate.rps * seconds;
      }
    }
    if (this.dirty) {
      this.dirty = false;
      this.rates = podRates(this.store, this.opts.requestsPerHost);
    }
  }

  private onEvent(event: StoreEvent): void {
    if (!MOVES_TRAFFIC.has(event.resource)) return;
    this.advance();
    if (event.resource === 'pods' && event.type === 'DELETED')
      this.pods.delete(event.object.metadata.uid ?? '');
    this.dirty = true;
    if (this.recompute) return;
    this.recompute = setTimeout(() => {
      this.recompute = undefined;
      this.advance();
    }, RECOMPUTE_AFTER_MS);
    this.recompute.unref();
  }

  private countersOfRef(uid: string, rate: TPodRate): TPodCounters | undefined {
    const pod = this.store.get('pods', rate.namespace, rate.name);
    return pod?.metadata.uid === uid ? this.countersOf(pod) : undefined;
  }

  private countersOf(pod: KObject): TPodCounters {
    const uid = pod.metadata.uid ?? '';
    let counters = this.pods.get(uid);
    if (!counters) {
      const image = String(asArr(spec(pod).containers)[0]?.image ?? '');
      counters = { profile: profileOf(image), background: 0, proxied: {} };
      this.pods.set(uid, counters);
    }
    return counters;
  }

  private load(): void {
    const file = this.opts.file;
    if (!file || !existsSync(file)) return;
    const saved = JSON.parse(readFileSync(file, 'utf8')) as TSaved;
    const alive = new Set(this.store.list('pods').map((p) => p.metadata.uid));
    this.pods = new Map(Object.entries(saved.pods ?? {}).filter(([uid]) => alive.has(uid)));
  }

  save(): void {
    const file = this.opts.file;
    if (!file) return;
    this.advance();
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ pods: Object.fromEntries(this.pods) } satisfies TSaved));
    renameSync(tmp, file);
  }
}
