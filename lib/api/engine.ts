// The engine Strata talks to, and the events it streams to the browser.
import type { BuilderKind } from '@/lib/api/build';

export type ImageStore = 'classic' | 'containerd';

export interface EngineInfo {
  /** Strata's name for this engine (its Docker context, `default`, or a STRATA_ENGINES name). */
  engineName: string;
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
  /** The builders it has (BuildKit on every Linux engine since API 1.39) and the one it calls its default. */
  builders: { available: BuilderKind[]; default: BuilderKind };
}

export type EngineEventAction = 'pull' | 'push' | 'tag' | 'untag' | 'delete' | 'import' | 'load' | 'save' | 'prune' | 'create' | string;

/** What the server forwards to browsers over SSE. */
export type StrataEvent =
  | { kind: 'image'; action: EngineEventAction; id: string; name: string | null; time: string }
  | { kind: 'container'; action: string; id: string; image: string | null; time: string }
  | { kind: 'engine'; state: 'connected' | 'disconnected'; message: string | null; time: string };
