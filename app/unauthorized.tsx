import Link from 'next/link';
import { StatusPage } from '@/components/ui/status-page';

export default function Unauthorized() {
  return (
    <StatusPage code="401" title="Sign in required">
      <Link href="/sign-in" className="font-medium text-indigo-600 hover:text-indigo-500">
        Sign in
      </Link>{' '}
      to continue.
    </StatusPage>
  );
}
