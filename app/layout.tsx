import type { Metadata } from 'next';
import { QueryProvider } from '@/components/query/query-provider';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Helmdeck', template: '%s · Helmdeck' },
  description: 'Helm releases across environments and clusters',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <QueryProvider>{children}</QueryProvider>
      </body>
    </html>
  );
}
