import type { Metadata } from 'next';
import { CleanupView } from '@/components/cleanup/cleanup-view';

export const metadata: Metadata = { title: 'Cleanup' };

export default function CleanupPage() {
  return <CleanupView />;
}
