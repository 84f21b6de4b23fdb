import type { Metadata } from 'next';
import { ImageDetailView } from '@/components/image-detail/image-detail-view';

type Props = { params: Promise<{ ref: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).ref.slice(0, 40) };
}

export default async function ImagePage({ params }: Props) {
  return <ImageDetailView imageRef={(await params).ref} />;
}
