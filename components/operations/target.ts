/** Where an operation acts: a configured release in one environment's cluster. */
export type TTarget = { environment: string; cluster: string; release: string };
