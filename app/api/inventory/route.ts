import { handle } from '@/lib/http/handle';
import { getInventory } from '@/lib/docker/inventory/inventory';

export const GET = handle(async () => getInventory());
