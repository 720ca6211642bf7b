'use client';

// A modal dialog: labelled by its title, closed by Escape or the Cancel button;
// focus moves into it, stays inside while it is open and returns on close.
import { useId, useRef } from 'react';
import { useFocusTrap } from '@/components/ui/use-focus-trap';

export function Dialog({
  title,
  onClose,
  children,
  footer,
  wide,
}: {
  title: string;
  onClose: () => void;
  children: React.ReactNode;
  footer?: React.ReactNode;
  wide?: boolean;
}) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  useFocusTrap(box, true, onClose);
  return (
    <div className="fixed inset-0 z-50 flex items-start justify-center overflow-y-auto bg-black/50 p-3 sm:p-6">
      <div
        ref={box}
        role="dialog"
        aria-modal="true"
        aria-labelledby={id}
        tabIndex={-1}
        className={`mt-4 w-full sm:mt-10 ${wide ? 'max-w-4xl' : 'max-w-lg'} rounded-lg bg-white shadow-xl`}
      >
        <header className="border-b border-slate-200 px-5 py-3">
          <h2 id={id} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
        </header>
        <div className="max-h-[70vh] space-y-4 overflow-y-auto px-5 py-4 text-sm">{children}</div>
        {footer ? (
          <footer className="flex items-center justify-end gap-2 border-t border-slate-200 px-5 py-3">
            {footer}
          </footer>
        ) : null}
      </div>
    </div>
  );
}

/** A refusal or failure as the server wrote it ("operation #12 (upgrade by Rita) in progress"). */
export function CommandError({ message, problems }: { message: string; problems?: string[] }) {
  const list = problems && problems.length > 1 ? problems : null;
  return (
    <div
      role="alert"
      className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800"
    >
      {list ? (
        <>
          <p>The request has {list.length} problems:</p>
          <ul className="mt-1 list-disc pl-5">
            {list.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </>
      ) : (
        <p className="whitespace-pre-wrap">{message}</p>
      )}
    </div>
  );
}
