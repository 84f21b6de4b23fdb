'use client';
// What is inside the image: its files and its packages, from one read of its layers. An image read
// before (its base OS is known) is read again at once: its layers come from the cache, in moments.
import { useEffect } from 'react';
import { FilesSection } from '@/components/files/files-section';
import { PackagesSection } from '@/components/packages/packages-section';
import { useAnalysis } from '@/lib/queries/analysis';

export interface ImageContentsProps {
  imageRef: string;
  platform: string;
  /** Its layers were read before (the image's base OS is known). */
  readBefore: boolean;
}

export function ImageContents({ imageRef, platform, readBefore }: ImageContentsProps) {
  const analysis = useAnalysis(imageRef, platform);
  const { start } = analysis;
  useEffect(() => {
    if (readBefore && !platform) void start();
    // Once per image and platform: the key of this component changes with them.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <>
      <PackagesSection imageRef={imageRef} platform={platform} analysis={analysis} />
      <FilesSection imageRef={imageRef} platform={platform} analysis={analysis} />
    </>
  );
}
