// Who a person is to a cluster with `impersonate: true`: their email as the
// Kubernetes user name and the groups of their last SSO sign-in (none for a
// password sign-in). No `server-only` marker: the worker and tests use it.
import type { PrismaClient } from '@/lib/db';
import type { TKubeIdentity } from '@/lib/kube/impersonation';

export async function kubeIdentityOf(
  prisma: PrismaClient,
  userId: string,
): Promise<TKubeIdentity | null> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { email: true, ssoProfile: { select: { groups: true } } },
  });
  if (!user) return null;
  return { user: user.email, groups: user.ssoProfile?.groups ?? [] };
}
