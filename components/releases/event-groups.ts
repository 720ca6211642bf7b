// Events of a release grouped by the object they are about, warnings first:
// one rollout's BackOff on a pod is easier to see as one group than as
// interleaved rows.
import type { TEventFact } from '@/lib/release-view';

export type TEventGroup = {
  object: string;
  events: TEventFact[];
  warnings: number;
  lastSeen: string | null;
};

const time = (iso: string | null) => (iso ? Date.parse(iso) || 0 : 0);

/** Groups (optionally only warnings); groups with warnings first, then by the latest event. */
export function groupEvents(events: readonly TEventFact[], warningsOnly: boolean): TEventGroup[] {
  const groups = new Map<string, TEventGroup>();
  for (const e of events) {
    if (warningsOnly && e.type !== 'Warning') continue;
    let g = groups.get(e.object);
    if (!g) {
      g = { object: e.object, events: [], warnings: 0, lastSeen: null };
      groups.set(e.object, g);
    }
    g.events.push(e);
    if (e.type === 'Warning') g.warnings += 1;
    if (time(e.lastSeen) > time(g.lastSeen)) g.lastSeen = e.lastSeen;
  }
  for (const g of groups.values()) g.events.sort((a, b) => time(b.lastSeen) - time(a.lastSeen));
  return [...groups.values()].sort(
    (a, b) =>
      Number(b.warnings > 0) - Number(a.warnings > 0) || time(b.lastSeen) - time(a.lastSeen),
  );
}
