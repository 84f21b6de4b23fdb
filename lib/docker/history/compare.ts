// "What did my last build change?": two images' layers and steps side by side.
import 'server-only';
import type { CompareResponse, CompareRow, HistoryResponse, HistoryStep } from '@/lib/api/history';
import { chainIds } from '@/lib/docker/engine/mappers';
import { getHistory } from '@/lib/docker/history/timeline';

/** Longest common subsequence of steps by their decoded command: the steps both builds ran. */
function matchSteps(a: readonly HistoryStep[], b: readonly HistoryStep[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const table = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i]![j] = a[i]!.createdBy === b[j]!.createdBy ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i]!.createdBy === b[j]!.createdBy) pairs.push([i++, j++]);
    else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/** Steps in order; unmatched steps between two matches are paired up as "changed" where both sides have one. */
export function alignSteps(a: readonly HistoryStep[], b: readonly HistoryStep[]): CompareRow[] {
  const rows: CompareRow[] = [];
  const pushGap = (fromA: HistoryStep[], fromB: HistoryStep[]) => {
    const length = Math.max(fromA.length, fromB.length);
    for (let k = 0; k < length; k++) {
      const stepA = fromA[k] ?? null;
      const stepB = fromB[k] ?? null;
      const kind = stepA && stepB ? 'changed' : stepA ? 'only-a' : 'only-b';
      rows.push({ kind, a: stepA, b: stepB, delta: (stepB?.size ?? 0) - (stepA?.size ?? 0) });
    }
  };
  let i = 0;
  let j = 0;
  for (const [mi, mj] of [...matchSteps(a, b), [a.length, b.length] as [number, number]]) {
    pushGap(a.slice(i, mi), b.slice(j, mj));
    if (mi < a.length && mj < b.length) {
      const stepA = a[mi]!;
      const stepB = b[mj]!;
      // Same command but a different layer (its inputs changed): rebuilt, so "changed".
      const kind = stepA.diffId === stepB.diffId ? 'same' : 'changed';
      rows.push({ kind, a: stepA, b: stepB, delta: stepB.size - stepA.size });
    }
    i = mi + 1;
    j = mj + 1;
  }
  return rows;
}

function layersOf(history: HistoryResponse) {
  const layerSteps = history.steps.filter((step) => step.diffId !== null);
  const diffIds = layerSteps.map((step) => step.diffId!);
  return { layerSteps, chains: chainIds(diffIds) };
}

export async function compareImages(refA: string, refB: string): Promise<CompareResponse> {
  const [a, b] = await Promise.all([getHistory(refA), getHistory(refB)]);
  const layersA = layersOf(a);
  const layersB = layersOf(b);
  const chainsB = new Set(layersB.chains);
  const chainsA = new Set(layersA.chains);
  const describe = (step: HistoryStep) => ({ diffId: step.diffId!, size: step.size, createdBy: step.createdBy });
  const sharedLayers = layersA.layerSteps
    .filter((_, k) => chainsB.has(layersA.chains[k]!))
    .map((step) => ({ diffId: step.diffId!, size: step.size }));
  return {
    a: a.image,
    b: b.image,
    sharedLayers,
    sharedBytes: sharedLayers.reduce((sum, layer) => sum + layer.size, 0),
    onlyA: layersA.layerSteps.filter((_, k) => !chainsB.has(layersA.chains[k]!)).map(describe),
    onlyB: layersB.layerSteps.filter((_, k) => !chainsA.has(layersB.chains[k]!)).map(describe),
    rows: alignSteps(a.steps, b.steps),
  };
}
