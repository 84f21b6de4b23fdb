// What an image's sizes count, in words, for both image stores (see ImageSummary in lib/api/images.ts).
// The classic store keeps one copy of each layer; the containerd store keeps each image's content (its
// compressed layers, config and manifest, as pulled or built) beside the unpacked layers containers run
// from, and `docker image ls --tree` calls the two DISK USAGE and CONTENT SIZE.
import type { ImageSummary, SizeAccounting } from '@/lib/api/images';
import { formatBytes } from '@/lib/format';

export interface SizeWords {
  size: string;
  sizeHint: string;
  unique: string;
  uniqueHint: string;
  shared: string;
  sharedHint: string;
}

export function sizeWords(accounting: SizeAccounting): SizeWords {
  if (accounting === 'layers') {
    return {
      size: 'Size',
      sizeHint: 'All of the image’s layers',
      unique: 'Unique',
      uniqueHint: 'Layers only this image uses: what deleting it frees',
      shared: 'Shared',
      sharedHint: 'Layers other images use too: stored once on disk',
    };
  }
  return {
    size: 'Disk usage',
    sizeHint: 'Content plus unpacked layers, as docker image ls --tree counts it',
    unique: 'Unique',
    uniqueHint: 'Unpacked layers only this image uses (deleting it frees these, and the part of its content no other image shares)',
    shared: 'Shared',
    sharedHint: 'Unpacked layers other images use too, stored once (the engine does not say how much content is shared)',
  };
}

export const CONTENT_HINT = 'Content: the compressed layers, config and manifest, as pulled or built (what a push uploads)';

/** The accounting an image's own figures follow (an ImageSummary carries no totals). */
export function accountingOf(image: Pick<ImageSummary, 'contentSize'>): SizeAccounting {
  return image.contentSize === null ? 'layers' : 'content-and-unpacked';
}

/**
 * What deleting an image gives back, as a phrase after "freeing" or "about": exact on the classic
 * store; on the containerd store its own unpacked layers, and at most its content.
 */
export function freedPhrase(image: Pick<ImageSummary, 'uniqueSize' | 'contentSize'>): string {
  if (image.contentSize === null) return formatBytes(image.uniqueSize);
  return `${formatBytes(image.uniqueSize)} of unpacked layers, plus the part of its ${formatBytes(image.contentSize)} of content no other image shares`;
}
