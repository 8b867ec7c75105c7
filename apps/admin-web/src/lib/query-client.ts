import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-client';

/** Server state lives here only. A refused call (4xx) is not retried: asking again gets the same answer. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});
