// Values as helm shows them (`get values` and `get values --all`), secrets already redacted.
import { stringify } from 'yaml';
import { Panel } from '@/components/ui/panel';
import type { TReleaseDetail } from '@/lib/release-view';

export function ReleaseValues({ values }: { values: TReleaseDetail['values'] }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Panel title="User-supplied values" aside="helm get values">
        <Yaml value={values.user} />
      </Panel>
      <Panel title="Computed values" aside="chart defaults + user values">
        <Yaml value={values.computed} />
      </Panel>
    </div>
  );
}

function Yaml({ value }: { value: Record<string, unknown> }) {
  const text = Object.keys(value).length === 0 ? '# none' : stringify(value, { lineWidth: 0 });
  return (
    <pre className="max-h-[36rem] overflow-auto px-4 py-3 font-mono text-xs leading-relaxed text-slate-700">
      {text}
    </pre>
  );
}
