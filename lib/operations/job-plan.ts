// What a job carries to the worker: everything the kind's execute needs that
// the Operation row does not hold. Values ride here (never in the Operation
// row or the audit) and are removed from the job as soon as a worker claims it.
export type TJobPlan = {
  operationId: number;
  /** Path or reference helm gets. */
  chart?: string;
  version?: string;
  valuesFiles: string[];
  values: Record<string, unknown>;
  targetRevision?: number;
  /** The kind's non-secret params, as recorded on the row. */
  params?: Record<string, unknown> | null;
};
