// The image list and one image's detail, as the server sends them and the browser reads them.
import { z } from '@/lib/api/zod';

export interface ImageSummary {
  /** The engine's full image ID, `sha256:…`. On the containerd store this is the manifest digest. */
  id: string;
  /** First 12 hex characters of the ID, as `docker image ls` prints it. */
  shortId: string;
  /** `repository:tag` names; never `<none>:<none>`. Empty for dangling images. */
  repoTags: string[];
  /** `repository@sha256:…`; never `<none>@<none>`. */
  repoDigests: string[];
  /** ISO 8601. */
  created: string;
  /**
   * Its disk usage, as the engine's image list reports it. Classic store: the bytes of all its layers.
   * containerd store: `contentSize + unpackedSize` (DISK USAGE in `docker image ls --tree`).
   */
  size: number;
  /**
   * containerd store only (null on the classic store, which keeps one copy): the image's content, i.e. its
   * compressed layers, config and manifest as pulled or built (CONTENT SIZE in `docker image ls --tree`).
   */
  contentSize: number | null;
  /** containerd store only (null on the classic store): its layers unpacked into snapshots for containers. */
  unpackedSize: number | null;
  /**
   * Bytes of this image's layers that other images also use. On the containerd store these are unpacked
   * layers only (the engine's SharedSize): content shared between images is not counted.
   */
  sharedSize: number;
  /**
   * The rest of the layers `sharedSize` counts: `sharedSize + uniqueSize === (unpackedSize ?? size)`.
   * Classic store: exactly what deleting the image frees. containerd store: its unpacked layers no other
   * image uses; deleting it frees those plus the part of `contentSize` no other image shares.
   */
  uniqueSize: number;
  /**
   * True while Strata is still reading this image's layers on a cold start (see `totals.counting`):
   * `sharedSize` and `uniqueSize` are placeholders until then. Absent once known.
   */
  sizesPending?: true;
  /** Containers (running or stopped) created from this image. */
  containers: number;
  /** Untagged and not a parent of another image. */
  dangling: boolean;
  /**
   * An untagged image other images are built on (a legacy build's step): left out of the list as
   * `docker image ls` leaves it out; only the list asked for with `all` (like `-a`) holds these.
   */
  intermediate?: boolean;
  labels: Record<string, string>;
  /** Number of filesystem layers. Null until known. */
  layerCount: number | null;
  /**
   * What the image holds per platform; never empty. A multi-platform image (an index, containerd store,
   * API 1.47+) has one entry per platform manifest; any other image one entry, its own os/architecture.
   */
  platforms: ImagePlatform[];
  /**
   * The base OS from its `/etc/os-release`, known once its layers were read (the analysis): null when
   * they never were, `none` when they were and no OS release file is there (FROM scratch, distroless).
   */
  baseOs: BaseOs | 'none' | null;
}

export interface BaseOs {
  id: string;
  versionId: string | null;
  prettyName: string;
}

/** `debian 12`, `alpine 3.20.3`: how the list names a base OS (and what its filter matches). */
export const baseOsLabel = (os: BaseOs) => [os.id, os.versionId].filter(Boolean).join(' ');

export interface ImagePlatform {
  os: string;
  architecture: string;
  variant: string | null;
  /** The platform's manifest digest; on the classic store (no manifests locally) the image ID. */
  id: string;
  /** False when the index names the platform but its content is not on this engine. */
  available: boolean;
  /** Bytes of the platform's blobs as stored (compressed layers, config, manifest); null when unknown. */
  contentSize: number | null;
  /** Bytes of its unpacked filesystem; 0 when not unpacked here; null when unknown. */
  unpackedSize: number | null;
}

export interface ImageTotals {
  /** Distinct image IDs. */
  images: number;
  /** Tags across all images. */
  tags: number;
  /**
   * What the store keeps per image, and so what the sizes count. 'layers': the classic store, one copy of
   * each layer. 'content-and-unpacked': the containerd store, compressed content plus unpacked snapshots.
   */
  accounting: SizeAccounting;
  /**
   * Bytes really on disk for images, each shared piece counted once; the engine's own figure (`docker system
   * df`, LayersSize). containerd store: content and unpacked layers, intermediates' and containers' snapshots.
   */
  diskUsed: number;
  /** What summing every image's size would claim: shared layers counted again for each image. */
  naiveSum: number;
  /** Bytes in layers used by two or more images, counted once (unpacked layers only on the containerd store). */
  shared: number;
  dangling: number;
  /** Images no container uses. */
  unused: number;
  inUse: number;
  /** True when every layer's size was known; otherwise diskUsed is an estimate (image sizes fill the gaps). */
  exact: boolean;
  /** Legacy-build intermediates listed besides `images` (only in the list asked for with `all`). */
  intermediates?: number;
  /**
   * A cold start's first answer, sent before every image's layers were read: how many of `total` have
   * been (`done`). `diskUsed` and `shared` are not exact until it is gone; ask again for more.
   */
  counting?: ListCounting;
}

export interface ListCounting {
  done: number;
  total: number;
}

export type SizeAccounting = 'layers' | 'content-and-unpacked';

export interface ImageListResponse {
  images: ImageSummary[];
  totals: ImageTotals;
}

export interface ImageConfig {
  cmd: string[] | null;
  entrypoint: string[] | null;
  env: string[];
  workingDir: string;
  user: string;
  exposedPorts: string[];
  volumes: string[];
  labels: Record<string, string>;
  stopSignal: string | null;
}

export interface ContainerRef {
  id: string;
  name: string;
  state: string;
}

export interface ImageDetail extends ImageSummary {
  /** The platform whose config, layers and inspect these are, when one was asked for (`?platform=`). */
  shownPlatform?: string;
  /** `parent` names an image the engine no longer has (a pruned legacy-build intermediate). */
  parentGone?: boolean;
  /** Parent image ID (legacy builder only); null when the engine reports none. */
  parent: string | null;
  architecture: string;
  os: string;
  variant: string | null;
  author: string;
  comment: string;
  dockerVersion: string;
  config: ImageConfig;
  /** Diff IDs, oldest first: the sha256 of each uncompressed layer tar. */
  layers: string[];
  containerRefs: ContainerRef[];
  /** `docker image inspect` for the collapsible raw view, masked on the server (lib/docker/images/inspect-view.ts). */
  inspect: InspectView;
}

/**
 * The engine's inspect answer as the page may show it. Raw engine JSON never reaches the browser as it
 * came: secret-looking Env values are masked here, and the unmasked Env lists travel beside it only so
 * "Show values" can show what the config card already shows when asked.
 */
export interface InspectView {
  /** The inspect answer with `Config.Env` and `ContainerConfig.Env` values masked where the name looks secret. */
  masked: Record<string, unknown>;
  /** The Env lists as the engine gave them, only for the keys where something was masked. */
  env: { Config?: string[]; ContainerConfig?: string[] };
}

/** `?all=1` on /api/images and /api/graph: also the legacy-build intermediates (`docker image ls -a`). */
export const listQuery = z.object({
  all: z
    .enum(['0', '1'], { error: 'all is 1 (with intermediate images) or 0' })
    .optional()
    .transform((value) => value === '1'),
});
