import type { Metadata } from 'next';
import { BlueGreenPanel } from '@/components/strategies/blue-green-panel';
import { StrategyPageHeader } from '@/components/strategies/strategy-page-header';
import { BlueGreenNotFoundError, getBlueGreenView } from '@/lib/strategies/view/blue-green-view';
import {
  decodePlace,
  loadStrategyPage,
  type TStrategyPlace,
} from '@/lib/strategies/view/strategy-page';

type TProps = { params: Promise<TStrategyPlace> };

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const p = await decodePlace(params);
  return { title: `${p.release} blue/green · ${p.environment}/${p.cluster}` };
}

export default async function BlueGreenPage({ params }: TProps) {
  const { place, view, canAct } = await loadStrategyPage(params, {
    load: getBlueGreenView,
    notFoundError: BlueGreenNotFoundError,
    action: 'switch_traffic',
  });
  return (
    <>
      <StrategyPageHeader place={place} strategy="blue/green" />
      <BlueGreenPanel view={view} canAct={canAct} />
    </>
  );
}
