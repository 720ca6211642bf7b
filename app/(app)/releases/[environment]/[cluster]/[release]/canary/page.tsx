import type { Metadata } from 'next';
import { CanaryPanel } from '@/components/strategies/canary-panel';
import { StrategyPageHeader } from '@/components/strategies/strategy-page-header';
import { CanaryNotFoundError, getCanaryView } from '@/lib/canary/view';
import {
  decodePlace,
  loadStrategyPage,
  type TStrategyPlace,
} from '@/lib/strategies/view/strategy-page';
import { controlCanaryAction } from './actions';

type TProps = { params: Promise<TStrategyPlace> };

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const p = await decodePlace(params);
  return { title: `${p.release} canary · ${p.environment}/${p.cluster}` };
}

export default async function CanaryPage({ params }: TProps) {
  const { place, view, canAct } = await loadStrategyPage(params, {
    load: getCanaryView,
    notFoundError: CanaryNotFoundError,
    action: 'canary_step',
  });
  return (
    <>
      <StrategyPageHeader place={place} strategy="canary" />
      <CanaryPanel view={view} canAct={canAct} control={controlCanaryAction} />
    </>
  );
}
