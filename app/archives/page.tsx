import type { Metadata } from 'next';
import { ArchivesView } from '@/components/archives/archives-view';

export const metadata: Metadata = { title: 'Archives' };

export default function ArchivesPage() {
  return <ArchivesView />;
}
