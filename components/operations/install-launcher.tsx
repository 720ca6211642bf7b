'use client';

// "Install…": pick a configured release and where it goes, then the install dialog (with preview).
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from './dialog';
import { DeployDialog } from './deploy-dialog';
import type { TTarget } from './target';
import { INPUT } from './values-editor';

export function InstallLauncher({ places }: { places: TTarget[] }) {
  const [picking, setPicking] = useState(false);
  const [choice, setChoice] = useState(0);
  const [target, setTarget] = useState<TTarget | null>(null);
  const label = (p: TTarget) => `${p.release} → ${p.environment}/${p.cluster}`;
  return (
    <>
      <Button onClick={() => setPicking(true)}>Install…</Button>
      {picking ? (
        <Dialog
          title="Install a release"
          onClose={() => setPicking(false)}
          footer={
            <>
              <Button variant="ghost" onClick={() => setPicking(false)}>
                Cancel
              </Button>
              <Button
                onClick={() => {
                  setTarget(places[choice] ?? null);
                  setPicking(false);
                }}
              >
                Next
              </Button>
            </>
          }
        >
          <label className="block">
            <span className="block text-xs font-medium text-slate-700">Release and cluster</span>
            <select
              className={`${INPUT} mt-1`}
              value={choice}
              onChange={(e) => setChoice(Number(e.target.value))}
            >
              {places.map((p, i) => (
                <option key={label(p)} value={i}>
                  {label(p)}
                </option>
              ))}
            </select>
          </label>
        </Dialog>
      ) : null}
      {target ? (
        <DeployDialog kind="install" target={target} onClose={() => setTarget(null)} />
      ) : null}
    </>
  );
}
