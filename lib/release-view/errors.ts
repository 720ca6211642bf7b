// Expected failures of the read model, each with a message meant for the user.
import { AppError } from '@/lib/errors';

/** An environment, cluster, release or revision that does not exist. */
export class NotFoundError extends AppError {
  constructor(
    readonly what: 'environment' | 'cluster' | 'release' | 'revision',
    message: string,
  ) {
    super('not_found', message, { notFound: what });
    this.name = 'NotFoundError';
  }
}

/** A cluster that has not answered yet, so there is no data to show for it at all. */
export class ClusterUnavailableError extends AppError {
  constructor(
    readonly cluster: string,
    message: string,
  ) {
    super('unavailable', message, { cluster });
    this.name = 'ClusterUnavailableError';
  }
}
