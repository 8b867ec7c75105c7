import { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { FullPageSpinner } from '@/components/full-page-spinner';
import { useSession } from '../hooks/session-provider';
import type { ReturnState } from './sign-in-page';

/** The console's pages need a session; without one, sign in first and come back to this very page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  const from = `${location.pathname}${location.search}`;
  if (session.status === 'loading') return <FullPageSpinner />;
  if (session.status === 'signed-out') {
    return <Navigate to="/sign-in" replace state={{ from, reason: session.ended } satisfies ReturnState} />;
  }
  if (session.me?.user.mustChangePassword) {
    return <Navigate to="/change-password" replace state={{ from } satisfies ReturnState} />;
  }
  return <>{children}</>;
}
