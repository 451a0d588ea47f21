import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setUnauthorizedHandler, tokenStore, unwrap } from '../api/client';
import type { LoadState } from './LoadError';

type Me = NonNullable<Awaited<ReturnType<typeof fetchMe>>>;

async function fetchMe() {
  return unwrap(api.GET('/api/v1/auth/me'));
}

interface Auth {
  user: Me | null;
  loading: boolean;
  /** The session could not be checked (no answer, a 500): not a sign-out, so the app says so instead of asking to sign in. */
  sessionError: LoadState | null;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  can: (permission: string) => boolean;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [token, setToken] = useState(() => tokenStore.get());
  const me = useQuery({ queryKey: ['me', token], queryFn: fetchMe, enabled: !!token, retry: false, staleTime: Infinity });

  const dropSession = useCallback(() => {
    tokenStore.clear();
    setToken(null);
    queryClient.clear();
  }, [queryClient]);

  useEffect(() => setUnauthorizedHandler(dropSession), [dropSession]);

  const value = useMemo<Auth>(() => {
    const user = token && me.data ? me.data : null;
    const permissions = new Set(user?.permissions ?? []);
    return {
      user,
      loading: !!token && me.isLoading,
      sessionError: token && me.isError ? { error: me.error, isFetching: me.isFetching, refetch: me.refetch } : null,
      async signIn(username, password) {
        const session = await unwrap(api.POST('/api/v1/auth/login', { body: { username, password } }));
        tokenStore.set(session.token);
        setToken(session.token);
      },
      async signOut() {
        await api.POST('/api/v1/auth/logout').catch(() => undefined);
        dropSession();
      },
      can: (permission) => permissions.has(permission),
    };
  }, [token, me.data, me.isLoading, me.isError, me.error, me.isFetching, me.refetch, dropSession]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
