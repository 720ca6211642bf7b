import Link from 'next/link';

/** Full-page notice for 403/404 style answers. */
export function StatusPage({
  code,
  title,
  children,
}: {
  code: string;
  title: string;
  children: React.ReactNode;
}) {
  return (
    <div className="mx-auto mt-24 max-w-md px-6 text-center">
      <p className="text-sm font-semibold text-indigo-600">{code}</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
      <div className="mt-3 text-sm text-slate-500">{children}</div>
      <Link
        href="/"
        className="mt-6 inline-block text-sm font-medium text-indigo-600 hover:text-indigo-500"
      >
        Back to the overview
      </Link>
    </div>
  );
}
