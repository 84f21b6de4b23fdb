// What the specs need of the sandbox engine beyond tests/support/sandbox.ts: throwaway images on the
// fixture base, and the engine's own figures (never Strata's) that the pages are checked against.
import { buildImage, engineGet } from '../../tests/support/sandbox';

/** Builds a throwaway image on the fixture base (a marker file, then any extra steps); returns its ID. */
export function buildThrowaway(tag: string, marker: string, steps: string[] = []): string {
  return buildThrowawayOn('strata-fixture/base:1', tag, marker, steps);
}

/** The same on another base. */
export function buildThrowawayOn(base: string, tag: string, marker: string, steps: string[] = []): string {
  return buildImage(tag, [`FROM ${base}`, `RUN echo ${marker} > /marker`, ...steps, ''].join('\n'));
}

/** Bytes of every distinct layer, as the engine itself counts them (`docker system df`). */
export function engineLayersSize(): number {
  return engineGet<{ LayersSize: number }>('/system/df').LayersSize;
}

/** The API version the sandbox engine speaks at most (`/version`), which Strata negotiates down to. */
export function engineApiVersion(): string {
  return engineGet<{ ApiVersion: string }>('/version').ApiVersion;
}

/** The engine's list entries for one reference with `manifests=1` (API 1.47+: the containerd store's two sizes). */
export function engineImagesWithManifests(ref: string): { Id: string; Manifests: { Size: { Content: number; Total: number } }[] }[] {
  return engineGet(`/images/json?manifests=1&filters=${encodeURIComponent(JSON.stringify({ reference: [ref] }))}`);
}

/** The engine's own history of an image, newest step first. */
export function engineHistory(ref: string): { CreatedBy: string; Size: number }[] {
  return engineGet(`/images/${encodeURIComponent(ref)}/history`);
}

// The specs' one door to the sandbox: the shared helpers (one implementation with the integration suites).
export { docker, engineGet, imageExists, imageId, privateBase, SANDBOX_DIR, SANDBOX_HOST, sandboxKind } from '../../tests/support/sandbox';
export { loadDatedImage } from '../../tests/support/dated-images';
