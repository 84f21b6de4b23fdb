// What `docker image prune` (and `prune -a`) deletes, worked out before anything runs, for both image
// stores, as the exact list of deletes Strata then makes itself (lib/docker/prune/run.ts says why Strata
// does not hand the work to `/images/prune`).
//
// Classic store (moby daemon/images/image_prune.go, image_delete.go; Engine 20.10):
//  - dangling: untagged images no other image builds on; unused (-a): every image except untagged
//    ones with children; `until` compares the image's Created, `label` filters its config labels;
//  - tags are removed one by one in lexical order of their full names; the last tag of an image a
//    container uses stays (the engine refuses it); an image other remaining images build on loses its
//    tags but stays;
//  - deleting an image also deletes its untagged parents that nothing else builds on (the legacy
//    builder's intermediates), whatever the filters say.
// containerd store (moby daemon/containerd/image_prune.go; Docker 28):
//  - every name (tag) is a record of its own, an untagged image has one `moby-dangling@<id>` record;
//    dangling pruning takes every dangling record, intermediates of images that stay tagged included;
//    -a takes every record; filters apply per record (`until`: when the record was made);
//  - a container keeps the record it was created from (and the dangling record of its image); one made
//    from an ID keeps the image's last record; no parent/child rule at all.
// Images labelled strata.keep=true are always kept, on both stores.
import 'server-only';
import type { ContainerRef } from '@/lib/api/images';
import type { ImageStore } from '@/lib/api/engine';
import type { PruneBytes, PruneImage, PruneKeep } from '@/lib/api/prune';
import { accountBytes } from '@/lib/docker/prune/bytes';
import { selectClassic } from '@/lib/docker/prune/select-classic';
import { selectContainerd } from '@/lib/docker/prune/select-containerd';

/** Which of the engine's image stores the rules and byte counts follow. */
export type ImageStoreKind = ImageStore;

export interface PlanContainer extends ContainerRef {
  /** What the container was created from (Config.Image): a name, an ID (or a prefix) or a digest reference. */
  imageRef: string;
}

/** One blob an image's manifest references (containerd store), as read from the image's export. */
export interface PlanBlob {
  digest: string;
  size: number;
  kind: 'index' | 'manifest' | 'config' | 'layer';
  /** For layers: the diff ID it unpacks to (same position in RootFS.Layers). */
  diffId: string | null;
}

export interface PlanImage {
  id: string;
  shortId: string;
  repoTags: string[];
  size: number;
  created: string;
  labels: Record<string, string>;
  containers: PlanContainer[];
  /** The image it was built on (the legacy builder's parent), when the engine says. */
  parentId: string | null;
  /** Chain IDs with sizes (null when unknown), oldest first. */
  layers: { chainId: string; size: number | null }[];
  diffIds: string[];
  formerTags: string[];
  /** containerd store: the image has a `moby-dangling@` record (untagged). */
  danglingRecord: boolean;
  /** When it was last tagged (inspect Metadata.LastTagTime; on the containerd store its newest record); null if unknown or not read. */
  recordTime: string | null;
  /** Inspect's Created, to the millisecond (the list says whole seconds), when it was read with the record times. */
  createdExact?: string | null;
  /** containerd store: snapshot usage of its whole snapshot chain (Manifests[].ImageData.Size.Unpacked). */
  unpacked: number | null;
  /** containerd store: size of the manifest (or index) blob the ID names. */
  manifestSize: number | null;
  /** containerd store: every blob it references, from its export; null while not read. */
  blobs: PlanBlob[] | null;
}

export interface PlanOptions {
  store: ImageStoreKind;
  target: 'dangling' | 'unused';
  until?: Date | null;
  /** `key` or `key=value`: all must match, like the engine's `label` filter. */
  labels?: string[];
  /** Only these image IDs (a subset the user picked), still under the engine's rules. */
  only?: ReadonlySet<string> | null;
}

/** One engine call of the apply, in order: `DELETE /images/{ref}?noprune=1`. */
export interface PruneStep {
  imageId: string;
  ref: string;
  /** What the engine should answer: the tag goes (`untag`) or the image goes (`delete`). */
  expect: 'untag' | 'delete';
  /** Already gone is fine: a check that the image really went. */
  ifPresent?: boolean;
}

export interface Selection {
  remove: Omit<PruneImage, 'freedBytes'>[];
  keep: PruneKeep[];
  steps: PruneStep[];
}

export interface Plan extends Selection {
  remove: PruneImage[];
  freedBytes: number;
  bytes: PruneBytes;
}

/** What goes, what stays and why, the deletes that do it, and the bytes it frees. */
export function planPrune(images: readonly PlanImage[], options: PlanOptions): Plan {
  const selection = selectPrune(images, options);
  const account = accountBytes(images, new Set(selection.remove.map((image) => image.id)), options.store);
  return {
    ...selection,
    remove: selection.remove.map((image) => ({ ...image, freedBytes: account.perImage.get(image.id) ?? 0 })),
    freedBytes: account.freedBytes,
    bytes: account.bytes,
  };
}

export function selectPrune(images: readonly PlanImage[], options: PlanOptions): Selection {
  return options.store === 'containerd' ? selectContainerd(images, options) : selectClassic(images, options);
}
