// The tag → image ID → layer graph.
import type { ImagePlatform } from '@/lib/api/images';

export interface GraphImage {
  id: string;
  shortId: string;
  repoTags: string[];
  size: number;
  /** As in ImageSummary: null on the classic store. */
  contentSize: number | null;
  uniqueSize: number;
  dangling: boolean;
  /** A legacy build's untagged step image; only in the graph asked for with `all` (as ImageSummary). */
  intermediate?: boolean;
  containers: number;
  /** The nearest other listed image this one was built on (legacy builds keep that link locally). */
  parent: string | null;
  /** Chain IDs of its layers, oldest first. */
  layers: string[];
  /** A multi-platform image (an index) only: its platform manifests; absent or empty for one platform. */
  platforms?: ImagePlatform[];
  /** Which of those platforms `layers` are (`linux/amd64`, the engine's default), when it has several. */
  layersPlatform?: string | null;
}

export interface GraphLayer {
  /** Chain ID: the layer as stored on disk. */
  id: string;
  diffId: string;
  size: number | null;
  /** How many listed images hold it. */
  users: number;
}

export interface GraphResponse {
  images: GraphImage[];
  layers: GraphLayer[];
}
