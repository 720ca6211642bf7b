'use client';

import { isServer, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { makeQueryClient } from './make-query-client';

let browserClient: QueryClient | undefined;

// On the server every request gets its own client; in the browser one client lives for the tab.
function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  browserClient ??= makeQueryClient();
  return browserClient;
}

export function QueryProvider({ children }: { children: React.ReactNode }) {
  const [client] = useState(getQueryClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
