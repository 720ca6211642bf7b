import type { Metadata } from 'next';
import { QueryProvider } from '@/components/query/query-provider';
import { THEME_BOOT_SCRIPT } from '@/components/shell/theme';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Helmdeck', template: '%s · Helmdeck' },
  description: 'Helm releases across environments and clusters',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    // data-theme is set by the boot script before React hydrates, hence the warning suppressed.
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* Runs before first paint, so a dark page never flashes light. */}
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
      </head>
      <body className="min-h-screen font-sans">
        <QueryProvider>{children}</QueryProvider>
      </body>
    </html>
  );
}
