import { handle } from '@/lib/http/handle';
import { listEngines } from '@/lib/docker/engine/engine-list';

export const GET = handle(async () => listEngines());
