// With a state dir, each cluster's store is saved to `<dir>/clusters/<name>.json`
// (debounced, written to a temp file and renamed so a crash never leaves
// half a file) and loaded again on start.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Store } from './store';

const DEBOUNCE_MS = 200;

export class Persistence {
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly file: string;

  constructor(
    stateDir: string,
    cluster: string,
    private readonly store: Store,
  ) {
    this.file = path.join(stateDir, 'clusters', `${cluster}.json`);
  }

  /** Restores the saved state into the store; false when there is none. */
  load(): boolean {
    if (!existsSync(this.file)) return false;
    const data = JSON.parse(readFileSync(this.file, 'utf8')) as Parameters<Store['restore']>[0];
    this.store.restore(data);
    return true;
  }

  /** Saves after every burst of changes. */
  start(): void {
    this.unsubscribe = this.store.subscribe(() => {
      if (this.timer) return;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.save();
      }, DEBOUNCE_MS);
    });
  }

  save(): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.store.snapshot()));
    renameSync(tmp, this.file);
  }

  /** Stops following changes and writes what is pending. */
  stop(): void {
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.save();
  }
}
