// Facts about the engine Strata is connected to, for the overview and the sandbox banner.
import 'server-only';
import type { EngineInfo } from '@/lib/api/engine';
import { builderFacts } from '@/lib/docker/build/builders';
import { engine, engineAddress, getConnection } from '@/lib/docker/engine/client';
import { mapEngineInfo } from '@/lib/docker/engine/mappers';
import { activeEngine } from '@/lib/docker/engine/scope';
import type { RawInfo, RawVersion } from '@/lib/docker/engine/raw-types';

/** Set by Strata's run script when it started its own sandbox engine because none answered. */
export function isSandbox(): boolean {
  return process.env.STRATA_SANDBOX === '1';
}

export async function getEngineInfo(): Promise<EngineInfo> {
  const { apiVersion } = await getConnection();
  const [version, info, builders] = await Promise.all([
    engine((docker) => docker.version() as Promise<RawVersion>),
    engine((docker) => docker.info() as Promise<RawInfo>),
    builderFacts(),
  ]);
  const facts = { address: engineAddress(), sandbox: isSandbox(), apiVersion, readOnly: process.env.STRATA_READ_ONLY === '1' };
  return {
    ...mapEngineInfo(version, info, facts),
    engineName: activeEngine().name,
    builders: { available: builders.available, default: builders.default },
  };
}
