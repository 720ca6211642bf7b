import { StatusPage } from '@/components/ui/status-page';

export default function Forbidden() {
  return (
    <StatusPage code="403" title="Not allowed">
      Your roles do not allow this page. An admin can grant you the role it needs.
    </StatusPage>
  );
}
