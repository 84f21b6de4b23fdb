import type { Metadata } from 'next';
import { ImagesView } from '@/components/images/images-view';

export const metadata: Metadata = { title: 'Images' };

export default function ImagesPage() {
  return <ImagesView />;
}
