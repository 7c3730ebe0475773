import { MutationCache, QueryClient } from "@tanstack/react-query";
import { sessionKey } from "../auth/session";
import { i18n } from "../i18n";
import { ApiError, onUnauthenticated } from "./client";
import { showError } from "./feedback";

declare module "@tanstack/react-query" {
  interface Register {
    defaultError: Error;
    /** `silent`: the component shows the error itself (e.g. inline on a form). */
    mutationMeta: { silent?: boolean };
  }
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Client errors (403, 404, validation) will not heal by retrying; network blips might.
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
  mutationCache: new MutationCache({
    onError: (error, _variables, _context, mutation) => {
      if (error instanceof ApiError && error.isUnauthenticated) return;
      if (!mutation.meta?.silent) showError(error);
    },
  }),
});

// Any 401 "unauthenticated" (session expired, signed out elsewhere) drops back to the login page.
onUnauthenticated(() => {
  const previous = queryClient.getQueryData(sessionKey);
  if (previous) showError(i18n.t("errors.sessionExpired"));
  if (previous !== null) queryClient.setQueryData(sessionKey, null);
});
