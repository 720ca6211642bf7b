// Expected failures of the read model, each with a message meant for the user.

/** An environment, cluster, release or revision that does not exist. */
export class NotFoundError extends Error {
  constructor(
    readonly what: 'environment' | 'cluster' | 'release' | 'revision',
    message: string,
  ) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** A cluster that has not answered yet, so there is no data to show for it at all. */
export class ClusterUnavailableError extends Error {
  constructor(
    readonly cluster: string,
    message: string,
  ) {
    super(message);
    this.name = 'ClusterUnavailableError';
  }
}
