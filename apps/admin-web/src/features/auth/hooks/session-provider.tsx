import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { sessionStore } from '@/lib/session-store';
import { authApi, Me, Permission } from '../api/auth-api';

export type SessionStatus = 'loading' | 'signed-out' | 'signed-in';

interface Session {
  status: SessionStatus;
  me?: Me;
  /** Why the last session ended, shown on the sign-in page. */
  ended?: 'expired' | 'signed-out';
  can(permission: Permission): boolean;
  signIn(username: string, password: string): Promise<Me>;
  signInWithIdToken(idToken: string): Promise<Me>;
  signOut(): Promise<void>;
  /** Reads /me again (after the first password change). */
  reload(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);
const ME = ['auth', 'me'];

/** Who is signed in in this tab, and what the server says they may do. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [hasTokens, setHasTokens] = useState(() => sessionStore.get() !== null);
  const [ended, setEnded] = useState<'expired' | 'signed-out'>();
  const me = useQuery({ queryKey: ME, queryFn: authApi.me, enabled: hasTokens, staleTime: 60_000 });

  useEffect(
    () =>
      sessionStore.subscribe((reason) => {
        if (reason === 'signed-in') {
          setHasTokens(true);
          setEnded(undefined);
          return;
        }
        setHasTokens(false);
        setEnded(reason);
        // Nothing of the ended session stays on screen or in memory.
        queryClient.clear();
      }),
    [queryClient],
  );

  const signedIn = useCallback(
    async (tokens: Awaited<ReturnType<typeof authApi.signIn>>) => {
      sessionStore.start(tokens);
      return queryClient.fetchQuery({ queryKey: ME, queryFn: authApi.me, staleTime: 0 });
    },
    [queryClient],
  );

  const value = useMemo<Session>(() => {
    const permissions = new Set(me.data?.permissions ?? []);
    const status: SessionStatus = !hasTokens ? 'signed-out' : me.data ? 'signed-in' : me.isError ? 'signed-out' : 'loading';
    return {
      status,
      me: hasTokens ? me.data : undefined,
      ended,
      can: (p) => permissions.has(p),
      signIn: async (username, password) => signedIn(await authApi.signIn(username, password)),
      signInWithIdToken: async (idToken) => signedIn(await authApi.oidcSignIn(idToken)),
      signOut: async () => {
        await authApi.signOut().catch(() => undefined);
        sessionStore.end('signed-out');
      },
      reload: async () => {
        await queryClient.fetchQuery({ queryKey: ME, queryFn: authApi.me, staleTime: 0 });
      },
    };
  }, [hasTokens, me.data, me.isError, ended, signedIn, queryClient]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
