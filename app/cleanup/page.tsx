import type { Metadata } from 'next';
import Link from 'next/link';
import { ComingSoon } from '@/components/layout/coming-soon';

export const metadata: Metadata = { title: 'Cleanup' };

export default function CleanupPage() {
  return (
    <ComingSoon title="Cleanup">
      <p>This page will preview exactly which images a prune deletes and how many bytes it really frees, before anything is deleted.</p>
      <p>
        Until then, the <Link className="text-sky-700 underline" href="/images">Images</Link> page already shows dangling and unused images, and the
        bytes each would free (its <em>Unique</em> size).
      </p>
    </ComingSoon>
  );
}
