import 'server-only';
import { listImages } from '@/lib/docker/images/list';

/** Best effort: an unreachable engine at start is reported by the pages, not here. */
export async function warmCaches(): Promise<void> {
  try {
    await listImages();
  } catch {
    // The engine may come later; the first request will then fill the caches.
  }
}
