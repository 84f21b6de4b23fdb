// The tag → image ID → layer graph.

export interface GraphImage {
  id: string;
  shortId: string;
  repoTags: string[];
  size: number;
  /** As in ImageSummary: null on the classic store. */
  contentSize: number | null;
  uniqueSize: number;
  dangling: boolean;
  containers: number;
  /** The nearest other listed image this one was built on (legacy builds keep that link locally). */
  parent: string | null;
  /** Chain IDs of its layers, oldest first. */
  layers: string[];
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
