import { ReactNode } from 'react';
import { ForbiddenPage } from '@/components/forbidden-page';
import { Permission, useSession } from '@/features/auth';

/** A page opened without the permission it needs says so in words (the API would refuse its calls anyway). */
export function Guarded({ permission, children }: { permission: Permission; children: ReactNode }) {
  const session = useSession();
  return session.can(permission) ? <>{children}</> : <ForbiddenPage />;
}
