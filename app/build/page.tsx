import type { Metadata } from 'next';
import { BuildView } from '@/components/build/build-view';

export const metadata: Metadata = { title: 'Build' };

export default function BuildPage() {
  return <BuildView />;
}
