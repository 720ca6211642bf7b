'use client';

import { ErrorNotice } from '@/components/ui/error-notice';

// Server errors reach the browser without their message; the digest is the id Next logged with them.
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <ErrorNotice digest={error.digest} reset={reset} />;
}
