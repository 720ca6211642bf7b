// The promotion gates of the target environment: semantic versions only,
// minimum soak in the previous stage, verified in the previous stage. Pure:
// each refusal names the gate and, where it can, when it would open.
import type { TEnvironment } from '@/lib/config';
import { parseDuration } from '@/lib/config';

export type TGateRefusal = { gate: string; reason: string; opensAt?: Date };

const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
export const isSemver = (text: string) => SEMVER.test(text);

export type TPreviousStage = {
  environment: string;
  /** When the build was verified healthy there (null: never verified). */
  verifiedAt: Date | null;
  /** When it was deployed there (null: not running there). */
  deployedAt: Date | null;
};

export function checkPromotionGates(
  target: Pick<TEnvironment, 'name' | 'semverOnly' | 'minSoak' | 'requireVerified'>,
  build: { chartVersion: string; imageTag: string },
  previous: TPreviousStage | null,
  now: Date,
): TGateRefusal[] {
  const refusals: TGateRefusal[] = [];
  if (target.semverOnly) {
    const bad = [
      !isSemver(build.chartVersion) && `chart version ${build.chartVersion}`,
      !isSemver(build.imageTag) && `image tag ${build.imageTag}`,
    ].filter(Boolean);
    if (bad.length > 0)
      refusals.push({
        gate: 'semverOnly',
        reason: `${target.name} takes only semantic versions (like 1.4.0); ${bad.join(' and ')} is not one`,
      });
  }
  if (!previous) return refusals;
  if (target.requireVerified && !previous.verifiedAt)
    refusals.push({
      gate: 'requireVerified',
      reason: `the build has not passed verification in ${previous.environment}; it opens once it has`,
    });
  const soakMs = target.minSoak ? (parseDuration(target.minSoak) ?? 0) : 0;
  if (soakMs > 0) {
    const since = previous.verifiedAt ?? previous.deployedAt;
    if (!since)
      refusals.push({
        gate: 'minSoak',
        reason: `the build does not run in ${previous.environment}`,
      });
    else if (now.getTime() - since.getTime() < soakMs) {
      const opensAt = new Date(since.getTime() + soakMs);
      refusals.push({
        gate: 'minSoak',
        reason: `the build must run ${target.minSoak} in ${previous.environment} first; it opens at ${opensAt.toISOString()}`,
        opensAt,
      });
    }
  }
  return refusals;
}
