// How a pod's simulated requests go, chosen by its image tag like the
// failure modes: a tag containing `errors` answers about 8 % of requests
// with a 5xx, one containing `slowapi` takes about 3x as long, any other is
// healthy. Latencies follow a log-normal distribution (median 50 ms, p99
// about 200 ms when healthy); counts are its exact fractions, so the
// numbers are reproducible and their ratios hold at any traffic volume.
import { imageTag } from '../controllers/pod-model';

export interface TProfile {
  /** Share of requests answered 500. */
  errorRatio: number;
  /** Multiplier of every latency. */
  latencyFactor: number;
}

export const ERRORS_RATIO = 0.08;
export const SLOWAPI_FACTOR = 3;
const MEDIAN_S = 0.05;
const SIGMA = 0.6;

/** The histogram's upper bounds, in seconds (what a typical HTTP middleware uses). */
export const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Methods of the simulated traffic and their shares. */
export const METHODS: ReadonlyArray<readonly [method: string, share: number]> = [
  ['GET', 0.9],
  ['POST', 0.1],
];

export function profileOf(image: string): TProfile {
  const tag = imageTag(image).toLowerCase();
  return {
    errorRatio: tag.includes('errors') ? ERRORS_RATIO : 0,
    latencyFactor: tag.includes('slowapi') ? SLOWAPI_FACTOR : 1,
  };
}

// Abramowitz and Stegun 7.1.26: erf to 1.5e-7, plenty for bucket shares.
function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return sign * (1 - poly * Math.exp(-x * x));
}

/** Half the requests are faster than this (seconds). */
export function medianLatency(profile: TProfile): number {
  return MEDIAN_S * profile.latencyFactor;
}

/** Share of requests that took at most `seconds`. */
export function latencyShare(profile: TProfile, seconds: number): number {
  return 0.5 * (1 + erf(Math.log(seconds / medianLatency(profile)) / (SIGMA * Math.SQRT2)));
}

/** Mean latency in seconds (for the histogram's _sum). */
export function meanLatency(profile: TProfile): number {
  return medianLatency(profile) * Math.exp((SIGMA * SIGMA) / 2);
}
