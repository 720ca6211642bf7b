// What the overview shows per cluster; shared by the server prefetch, /api/clusters and the browser.
export interface TClusterStatus {
  environment: string;
  cluster: string;
  context: string;
  namespace: string;
  reachable: boolean;
  /** Server version when reachable, the reason when not. */
  detail: string | null;
}

export interface TClusterStatusReport {
  checkedAt: string;
  clusters: TClusterStatus[];
}
