import { ImageResponse } from 'next/og';
import { errorResponse } from '@/lib/http/handle';
import { imageRefParam } from '@/lib/api/references';
import { getEngineInfo } from '@/lib/docker/engine/info';
import { getHistory } from '@/lib/docker/history/timeline';
import { BreakdownImage, PNG_HEIGHT, PNG_WIDTH } from '@/components/history/png/breakdown-image';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const SCALE = 2;

export async function GET(_req: Request, { params }: { params: Promise<{ ref: string }> }): Promise<Response> {
  try {
    const history = await getHistory(imageRefParam.parse((await params).ref));
    const engine = await getEngineInfo().then(
      (info) => `Docker ${info.version}${info.sandbox ? ' (sandbox)' : ''}`,
      () => 'Docker engine',
    );
    return new ImageResponse(<BreakdownImage history={history} engine={engine} scale={SCALE} />, {
      width: PNG_WIDTH * SCALE,
      height: PNG_HEIGHT * SCALE,
      headers: { 'Cache-Control': 'no-store' },
    });
  } catch (cause) {
    return errorResponse(cause);
  }
}
