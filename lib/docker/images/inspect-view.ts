// The raw inspect view's DTO: the engine's answer with secret-looking Env values masked before it leaves
// the server, and the unmasked lists beside it only where masking changed something.
import 'server-only';
import type { InspectView } from '@/lib/api/images';
import type { RawImageInspect } from '@/lib/docker/engine/raw-types';
import { maskInspectEnv } from '@/lib/secrets';

const envOf = (source: Record<string, unknown>, key: string): string[] | undefined => {
  const config = source[key];
  const env = typeof config === 'object' && config !== null ? (config as { Env?: unknown }).Env : undefined;
  return Array.isArray(env) ? env.filter((line): line is string => typeof line === 'string') : undefined;
};

export function toInspectView(raw: RawImageInspect): InspectView {
  const source = raw as unknown as Record<string, unknown>;
  const masked = maskInspectEnv(source) as Record<string, unknown>;
  const env: InspectView['env'] = {};
  for (const key of ['Config', 'ContainerConfig'] as const) {
    const original = envOf(source, key);
    if (original && original.some((line, index) => line !== envOf(masked, key)?.[index])) env[key] = original;
  }
  return { masked, env };
}
