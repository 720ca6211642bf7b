'use client';

import { ErrorNotice } from '@/components/ui/error-notice';
import './globals.css';

export default function GlobalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <ErrorNotice digest={error.digest} reset={reset} />
      </body>
    </html>
  );
}
