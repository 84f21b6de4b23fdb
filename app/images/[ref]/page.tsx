import type { Metadata } from 'next';
import { ImageDetailView } from '@/components/image-detail/image-detail-view';

type Props = { params: Promise<{ ref: string }> };

/**
 * Next hands a page its params decoded on a full load but still percent-encoded on the client
 * router's RSC requests. A reference never holds `%`, so a value that still has an escape is decoded
 * here, for the page only. The API routes this view calls get theirs decoded once by Next and never
 * decode again, so what is acted on is always what the page shows.
 */
function pageRef(raw: string): string {
  if (!/%[0-9a-f]{2}/i.test(raw)) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: pageRef((await params).ref).slice(0, 40) };
}

export default async function ImagePage({ params }: Props) {
  return <ImageDetailView imageRef={pageRef((await params).ref)} />;
}
