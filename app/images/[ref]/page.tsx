import type { Metadata } from 'next';
import { ImageDetailView } from '@/components/image-detail/image-detail-view';

type Props = { params: Promise<{ ref: string }> };

// A page's dynamic segment reaches it still percent-encoded (`strata-fixture%2Fapp%3A1.0`, as links and
// bookmarks carry a name); the view encodes it once more for the API, which decodes once and refuses any
// escape left over. So decode it here, exactly once; a malformed escape stays as it is and is refused.
function decodeOnce(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeOnce((await params).ref).slice(0, 40) };
}

export default async function ImagePage({ params }: Props) {
  return <ImageDetailView imageRef={decodeOnce((await params).ref)} />;
}
