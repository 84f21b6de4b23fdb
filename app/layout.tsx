import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';
import { AppShell } from '@/components/layout/app-shell';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Strata', template: '%s · Strata' },
  description: 'Docker images, tags and layers, with disk accounting that counts shared layers once.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: Next.js puts that request's CSP nonce on its scripts (proxy.ts).
  await connection();
  return (
    <html lang="en">
      <body>
        <Providers>
          <AppShell tokenRequired={Boolean(process.env.STRATA_TOKEN)}>{children}</AppShell>
        </Providers>
      </body>
    </html>
  );
}
