import type { Metadata } from 'next';
import { ImageDetailView } from '@/components/image-detail/image-detail-view';
import { pageParam as pageRef } from '@/lib/page-param';

type Props = { params: Promise<{ ref: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: pageRef((await params).ref).slice(0, 40) };
}

export default async function ImagePage({ params }: Props) {
  return <ImageDetailView imageRef={pageRef((await params).ref)} />;
}
