// Which release and which two places to compare: a GET form, so the result is a shareable URL.
export function PlacePicker({
  releases,
  places,
  value,
}: {
  releases: string[];
  places: string[];
  value: { release: string; left: string; right: string; view: string };
}) {
  const select = 'h-8 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-800';
  return (
    <form
      method="get"
      action="/releases/diff"
      aria-label="Compare"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs"
    >
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-500">
        Release
        <input
          name="release"
          list="helmdeck-releases"
          defaultValue={value.release}
          className={`${select} w-52 font-mono`}
        />
        <datalist id="helmdeck-releases">
          {releases.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-500">
        Left
        <select name="left" defaultValue={value.left} className={select}>
          {places.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <span className="pb-1.5 text-slate-500" aria-hidden>
        ↔
      </span>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-500">
        Right
        <select name="right" defaultValue={value.right} className={select}>
          {places.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <input type="hidden" name="view" value={value.view} />
      <button
        type="submit"
        className="h-8 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 hover:bg-slate-50"
      >
        Show diff
      </button>
    </form>
  );
}
