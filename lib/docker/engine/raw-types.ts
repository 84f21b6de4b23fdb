// Raw Engine API shapes, as loosely as they really arrive across API 1.41 … 1.53 and both image
// stores. Everything optional that some version omits is optional here; mappers decide defaults.
import 'server-only';

export interface RawImageListItem {
  Id: string;
  ParentId?: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Created: number;
  Size: number;
  VirtualSize?: number;
  SharedSize?: number;
  Containers?: number;
  Labels?: Record<string, string> | null;
  /** Containerd store only: the image's manifest or index. */
  Descriptor?: { mediaType?: string; digest?: string; size?: number };
  /** With `manifests=1`, API 1.47+, containerd store only. */
  Manifests?: RawImageManifestSummary[] | null;
}

export interface RawOciPlatform {
  architecture?: string;
  os?: string;
  variant?: string;
}

export interface RawImageManifestSummary {
  ID: string;
  Descriptor?: { mediaType?: string; digest?: string; size?: number; platform?: RawOciPlatform };
  Available?: boolean;
  Size?: { Content?: number; Total?: number };
  /** "image", "attestation" or "unknown". */
  Kind?: string;
  ImageData?: { Platform?: RawOciPlatform; Size?: { Unpacked?: number }; Containers?: string[] | null } | null;
  AttestationData?: { For?: string } | null;
}

/** The list entry with the fields only newer APIs send (Descriptor 1.48+, Manifests with manifests=1). */
export type RawImageListItemFull = RawImageListItem;

export interface RawImageConfig {
  Env?: string[] | null;
  Cmd?: string[] | null;
  Entrypoint?: string[] | null;
  WorkingDir?: string;
  User?: string;
  Labels?: Record<string, string> | null;
  ExposedPorts?: Record<string, unknown> | null;
  Volumes?: Record<string, unknown> | null;
  StopSignal?: string;
}

export interface RawImageInspect {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Parent?: string;
  Comment?: string;
  Created?: string;
  DockerVersion?: string;
  Author?: string;
  Config?: RawImageConfig | null;
  Architecture?: string;
  Variant?: string;
  Os?: string;
  Size?: number;
  RootFS?: { Type?: string; Layers?: string[] | null };
  /** Containerd store, API 1.48+. */
  Descriptor?: { mediaType?: string; digest?: string; size?: number };
  Metadata?: { LastTagTime?: string } | null;
  /** With `manifests=1`, API 1.48+, containerd store only: the list's sizes per platform. */
  Manifests?: RawImageManifestSummary[] | null;
}

export interface RawHistoryItem {
  Id: string;
  Created: number;
  CreatedBy: string;
  Tags?: string[] | null;
  Size: number;
  Comment?: string;
}

export interface RawContainer {
  Id: string;
  Names?: string[] | null;
  Image?: string;
  ImageID?: string;
  State?: string;
}

export interface RawVersion {
  Version?: string;
  ApiVersion?: string;
  MinAPIVersion?: string;
  Os?: string;
  Arch?: string;
  KernelVersion?: string;
}

export interface RawInfo {
  Containers?: number;
  ContainersRunning?: number;
  ContainersPaused?: number;
  ContainersStopped?: number;
  Images?: number;
  Driver?: string;
  DriverStatus?: [string, string][] | null;
  DockerRootDir?: string;
  OperatingSystem?: string;
  OSType?: string;
  Architecture?: string;
  NCPU?: number;
  MemTotal?: number;
  Name?: string;
  KernelVersion?: string;
}

export interface RawEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> | null };
  time?: number;
  timeNano?: number;
  // Removed in 1.52; read only as a fallback.
  status?: string;
  id?: string;
  from?: string;
}
