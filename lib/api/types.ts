// Strata's own shapes: what the server sends and the browser reads. Raw engine JSON never gets past
// lib/docker; these types are the contract, whatever the engine's API version or image store.

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
}

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
  /** The platform whose config, layers and raw inspect these are, when one was asked for (`?platform=`). */
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
  /** The engine's inspect JSON as it came, for the collapsible raw view. */
  raw: unknown;
}

export type ImageStore = 'classic' | 'containerd';

export interface EngineInfo {
  /** Where Strata talks to the engine, e.g. `unix:///var/run/docker.sock`. */
  address: string;
  /** True when this is Strata's own sandbox engine with demo images, not the user's engine. */
  sandbox: boolean;
  /** STRATA_READ_ONLY=1: the UI hides every action and the server refuses every write. */
  readOnly: boolean;
  version: string;
  /** The API version Strata negotiated and uses. */
  apiVersion: string;
  /** Highest API version the engine supports. */
  maxApiVersion: string;
  minApiVersion: string;
  os: string;
  arch: string;
  kernelVersion: string;
  operatingSystem: string;
  storageDriver: string;
  imageStore: ImageStore;
  dockerRootDir: string;
  name: string;
  cpus: number;
  memoryBytes: number;
  containers: { total: number; running: number; stopped: number; paused: number };
  images: number;
}

export type EngineEventAction =
  | 'pull' | 'push' | 'tag' | 'untag' | 'delete' | 'import' | 'load' | 'save' | 'prune' | 'create' | string;

/** What the server forwards to browsers over SSE. */
export type StrataEvent =
  | { kind: 'image'; action: EngineEventAction; id: string; name: string | null; time: string }
  | { kind: 'container'; action: string; id: string; image: string | null; time: string }
  | { kind: 'engine'; state: 'connected' | 'disconnected'; message: string | null; time: string };

/** One step of an image's build history, oldest first. */
export interface HistoryStep {
  index: number;
  /** FROM, RUN, COPY, ENV, … or IMPORT (a root filesystem from `docker import`). */
  instruction: string;
  /** Decoded: `RUN apt-get update`, not `/bin/sh -c apt-get update`. Not redacted: views redact. */
  createdBy: string;
  created: string;
  /**
   * Bytes this step added; 0 for metadata-only steps. Classic store: the layer's bytes (0 for a 0-byte layer).
   * containerd store: the disk its unpacked snapshot takes, in filesystem blocks (an empty layer is 8 KiB).
   */
  size: number;
  /** True when the step made no filesystem layer (ENV, LABEL, CMD, … or a RUN that changed nothing). */
  emptyLayer: boolean;
  /** The layer this step made, matched in order to RootFS.Layers; null for empty steps. */
  diffId: string | null;
  layerIndex: number | null;
  /** The step's own image ID when it exists locally; null when the engine says `<missing>`. */
  imageId: string | null;
  tags: string[];
  comment: string;
  /** Other local images whose stacks hold this very layer (same chain ID): stored once on disk. */
  sharedWith: string[];
  /** The step belongs to the base image this one was built FROM. */
  fromBase: boolean;
}

export interface ImageBrief {
  id: string;
  shortId: string;
  repoTags: string[];
}

export interface BaseImage extends ImageBrief {
  layerCount: number;
  /** The bytes of its layers, measured as the steps are (HistoryStep.size). */
  size: number;
  stepCount: number;
}

export interface HistoryResponse {
  /**
   * `size` is the image's disk usage as in ImageSummary. `unpackedSize` (containerd store only, else null) is
   * what the steps' sizes add up to there, less the legacy builder's few blocks per build container.
   */
  image: ImageBrief & {
    created: string;
    size: number;
    unpackedSize: number | null;
    architecture: string;
    os: string;
    /** The platform shown (`linux/arm64`) when one of a multi-platform image was asked for. */
    platform?: string;
  };
  steps: HistoryStep[];
  /** The largest local tagged image whose layers this one's start with: what it was built FROM. */
  base: BaseImage | null;
  /** Names of the images `sharedWith` and `base` mention, by ID. */
  related: Record<string, ImageBrief>;
  /** How steps were matched to layers: the history API alone, or the image config's empty_layer flags. */
  mapping: 'history' | 'config' | 'unknown';
}

export type CompareRowKind = 'same' | 'changed' | 'only-a' | 'only-b';

export interface CompareRow {
  kind: CompareRowKind;
  a: HistoryStep | null;
  b: HistoryStep | null;
  /** b's size minus a's, in bytes. */
  delta: number;
}

export interface CompareResponse {
  a: HistoryResponse['image'];
  b: HistoryResponse['image'];
  /** Layers both images use (same chain ID): one copy on disk. */
  sharedLayers: { diffId: string; size: number }[];
  sharedBytes: number;
  onlyA: { diffId: string; size: number; createdBy: string | null }[];
  onlyB: { diffId: string; size: number; createdBy: string | null }[];
  rows: CompareRow[];
}

export interface TagResult {
  /** The tag as Docker prints it, e.g. `localhost:5000/team/app:v1`. */
  tag: string;
  imageId: string;
  /** Set when the tag pointed at another image before: it moved. */
  movedFrom: { id: string; shortId: string; becameDangling: boolean } | null;
}

export interface RemoveResult {
  untagged: string[];
  /** Image IDs the engine deleted (its answer also lists layers; those are only counted). */
  deletedImages: string[];
  deletedLayers: number;
}

export type BulkAction = 'untag' | 'delete';
/** planned: will run; refused: the engine will say no (the message says why); then ok / skipped / error. */
export type Outcome = 'planned' | 'refused' | 'ok' | 'skipped' | 'error';

export interface BulkItem {
  target: string;
  imageId: string | null;
  outcome: Outcome;
  /** What will happen (dry run) or what happened, in plain words. */
  message: string;
}

export interface BulkResponse {
  dryRun: boolean;
  action: BulkAction;
  items: BulkItem[];
}

export interface RetagItem {
  from: string;
  to: string;
  imageId: string;
  outcome: Outcome;
  message: string;
}

export interface RetagResponse {
  dryRun: boolean;
  items: RetagItem[];
}

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

export type PruneTarget = 'dangling' | 'unused' | 'build-cache';

export interface PruneImage {
  id: string;
  shortId: string;
  repoTags: string[];
  size: number;
  /** Bytes the prune frees because of this image (layers no remaining image holds), attributed once. */
  freedBytes: number;
  created: string;
  /** Why it goes, in plain words. */
  reason: string;
  /** What it used to be called, when Strata saw it tagged before it became dangling. */
  formerTags: string[];
}

export interface PruneKeep {
  id: string;
  shortId: string;
  repoTags: string[];
  reason: string;
  /** Tags the engine removes even though it keeps the image. */
  untags: string[];
}

export interface PruneResult {
  /** Image IDs the engine reported deleted and that are really gone (intermediates included; layer IDs left out). */
  deletedImages: string[];
  untagged: string[];
  /** LayersSize before − after (the figure `bytes` in the response describes). */
  spaceReclaimed: number;
  /** Disk really used (every layer once) before and after, from the engine's own /system/df. */
  diskBefore: number;
  diskAfter: number;
  matchesPreview: boolean;
  differences: string[];
}

export interface BuildCacheRecord {
  id: string;
  type: string;
  description: string;
  size: number;
  inUse: boolean;
  shared: boolean;
  lastUsed: string | null;
}

/** What the bytes of a prune measure, so a person knows which figure they read. */
export interface PruneBytes {
  /**
   * `layers`: classic store, layer diff sizes. `snapshots-and-content`: containerd store, unpacked
   * snapshots plus compressed blobs. Either way the drop in `/system/df` LayersSize.
   */
  figure: 'layers' | 'snapshots-and-content';
  /** False when some sizes were unknown and the prediction is an estimate. */
  exact: boolean;
  /** One or two sentences saying what is counted (and, if not exact, why). */
  note: string;
}

export interface PruneResponse {
  dryRun: boolean;
  target: PruneTarget;
  images: PruneImage[];
  keep: PruneKeep[];
  buildCache: BuildCacheRecord[];
  /** Predicted (dry run) or reclaimed (applied) bytes. */
  spaceReclaimed: number;
  /** What the image bytes measure; null for build cache. */
  bytes: PruneBytes | null;
  result: PruneResult | null;
}

export interface DiskUsageCategory {
  count: number;
  size: number;
  reclaimable: number;
  active: number;
}

export interface DiskUsage {
  images: DiskUsageCategory;
  containers: DiskUsageCategory;
  volumes: DiskUsageCategory;
  buildCache: DiskUsageCategory;
  buildCacheRecords: BuildCacheRecord[];
}

export interface TransferLayer {
  /** First 12 hex characters of the layer (compressed blob for pulls, diff ID for pushes). */
  id: string;
  phase: 'waiting' | 'transferring' | 'verifying' | 'extracting' | 'complete' | 'exists';
  status: string;
  current: number;
  total: number;
  detail: string | null;
}

/** One line of a pull or push progress stream (NDJSON). */
export type TransferEvent =
  | { kind: 'layer'; layer: TransferLayer }
  | { kind: 'status'; message: string }
  | { kind: 'digest'; digest: string }
  | { kind: 'error'; message: string }
  | { kind: 'done'; ref: string; digest: string | null; imageId: string | null };

export interface RegistryLogin {
  /** As the engine names it: `localhost:5000`, or `https://index.docker.io/v1/` for Docker Hub. */
  server: string;
  username: string;
}

export interface HubRepoSummary {
  /** `nginx` for official images, `bitnami/nginx` otherwise. */
  name: string;
  namespace: string;
  repository: string;
  description: string;
  stars: number;
  /** As the Hub gives it: a number, or a display string like "1B+". */
  pulls: string;
  official: boolean;
  verifiedPublisher: boolean;
  openSource: boolean;
  publisher: string | null;
  updatedAt: string | null;
  architectures: string[];
}

export interface HubRateLimit {
  limit: number | null;
  remaining: number | null;
  /** ISO time when the window resets. */
  reset: string | null;
}

export interface HubSearchResponse {
  total: number;
  page: number;
  pageSize: number;
  results: HubRepoSummary[];
  rateLimit: HubRateLimit | null;
}

export interface HubRepository {
  namespace: string;
  repository: string;
  name: string;
  description: string;
  fullDescription: string;
  stars: number;
  pulls: number;
  lastUpdated: string | null;
  official: boolean;
}

export interface HubTagImage {
  architecture: string;
  os: string;
  variant: string | null;
  size: number;
  digest: string | null;
}

export interface HubTag {
  name: string;
  /** The tag's digest (index or manifest): what a local copy's repo digest should equal. */
  digest: string | null;
  lastPushed: string | null;
  images: HubTagImage[];
}

export interface HubTagsResponse {
  count: number;
  page: number;
  pageSize: number;
  tags: HubTag[];
}
