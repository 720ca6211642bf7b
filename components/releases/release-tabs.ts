// Tabs of the release page; plain data so the server page can validate ?tab= too.
export const RELEASE_TABS = [
  'status',
  'history',
  'network',
  'events',
  'logs',
  'values',
  'manifest',
] as const;
export type TReleaseTab = (typeof RELEASE_TABS)[number];
export const TAB_LABELS: Record<TReleaseTab, string> = {
  status: 'Status & pods',
  history: 'History',
  network: 'Services & ingress',
  events: 'Events',
  logs: 'Logs',
  values: 'Values',
  manifest: 'Manifest',
};
