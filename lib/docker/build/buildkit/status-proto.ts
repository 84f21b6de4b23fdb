// The part of BuildKit's progress message that Strata reads: `moby.buildkit.v1.StatusResponse`, which
// the engine sends base64-encoded in the `aux` of each `moby.buildkit.trace` line of `POST /build?version=2`.
// Field names, numbers and types are those of BuildKit's api/services/control/control.proto (its public
// repository), written out here for the fields Strata uses; protobuf skips the fields a message has
// beyond these (progress groups, warnings' source ranges), so a newer BuildKit still decodes.
import 'server-only';
import protobuf from 'protobufjs';

const timestamp = { fields: { seconds: { type: 'int64', id: 1 }, nanos: { type: 'int32', id: 2 } } };

const root = protobuf.Root.fromJSON({
  nested: {
    Timestamp: timestamp,
    StatusResponse: {
      fields: {
        vertexes: { rule: 'repeated', type: 'Vertex', id: 1 },
        statuses: { rule: 'repeated', type: 'VertexStatus', id: 2 },
        logs: { rule: 'repeated', type: 'VertexLog', id: 3 },
        warnings: { rule: 'repeated', type: 'VertexWarning', id: 4 },
      },
    },
    Vertex: {
      fields: {
        digest: { type: 'string', id: 1 },
        inputs: { rule: 'repeated', type: 'string', id: 2 },
        name: { type: 'string', id: 3 },
        cached: { type: 'bool', id: 4 },
        started: { type: 'Timestamp', id: 5 },
        completed: { type: 'Timestamp', id: 6 },
        error: { type: 'string', id: 7 },
      },
    },
    VertexStatus: {
      fields: {
        ID: { type: 'string', id: 1 },
        vertex: { type: 'string', id: 2 },
        name: { type: 'string', id: 3 },
        current: { type: 'int64', id: 4 },
        total: { type: 'int64', id: 5 },
        timestamp: { type: 'Timestamp', id: 6 },
        started: { type: 'Timestamp', id: 7 },
        completed: { type: 'Timestamp', id: 8 },
      },
    },
    VertexLog: {
      fields: {
        vertex: { type: 'string', id: 1 },
        timestamp: { type: 'Timestamp', id: 2 },
        stream: { type: 'int64', id: 3 },
        msg: { type: 'bytes', id: 4 },
      },
    },
    VertexWarning: {
      fields: {
        vertex: { type: 'string', id: 1 },
        level: { type: 'int64', id: 2 },
        short: { type: 'bytes', id: 3 },
        detail: { rule: 'repeated', type: 'bytes', id: 4 },
        url: { type: 'string', id: 5 },
      },
    },
  },
});

const statusResponse = root.lookupType('StatusResponse');

/** Milliseconds since the epoch; protobuf's zero value (absent) is null. */
export type Millis = number | null;

export interface TraceVertex {
  digest: string;
  inputs: string[];
  name: string;
  cached: boolean;
  started: Millis;
  completed: Millis;
  error: string;
}
export interface TraceStatus {
  id: string;
  vertex: string;
  name: string;
  current: number;
  total: number;
  completed: Millis;
}
export interface TraceLog {
  vertex: string;
  /** 1 stdout, 2 stderr. */
  stream: number;
  text: string;
}
export interface TraceWarning {
  vertex: string;
  text: string;
}
export interface StatusUpdate {
  vertexes: TraceVertex[];
  statuses: TraceStatus[];
  logs: TraceLog[];
  warnings: TraceWarning[];
}

interface RawTimestamp {
  seconds?: number;
  nanos?: number;
}
const millis = (value: RawTimestamp | undefined): Millis =>
  value && (value.seconds || value.nanos) ? (value.seconds ?? 0) * 1000 + Math.floor((value.nanos ?? 0) / 1e6) : null;

/** One `aux` value (base64) → what it says. Throws on bytes that are not a StatusResponse. */
export function decodeStatus(base64: string): StatusUpdate {
  const message = statusResponse.decode(Buffer.from(base64, 'base64'));
  const raw = statusResponse.toObject(message, { longs: Number, defaults: true, arrays: true }) as {
    vertexes: (Omit<TraceVertex, 'started' | 'completed'> & { started?: RawTimestamp; completed?: RawTimestamp })[];
    statuses: { ID: string; vertex: string; name: string; current: number; total: number; completed?: RawTimestamp }[];
    logs: { vertex: string; stream: number; msg: Uint8Array }[];
    warnings: { vertex: string; short: Uint8Array }[];
  };
  return {
    vertexes: raw.vertexes.map((vertex) => ({
      digest: vertex.digest,
      inputs: vertex.inputs,
      name: vertex.name,
      cached: vertex.cached,
      started: millis(vertex.started),
      completed: millis(vertex.completed),
      error: vertex.error,
    })),
    statuses: raw.statuses.map((status) => ({
      id: status.ID,
      vertex: status.vertex,
      name: status.name,
      current: status.current,
      total: status.total,
      completed: millis(status.completed),
    })),
    logs: raw.logs.map((log) => ({ vertex: log.vertex, stream: log.stream, text: Buffer.from(log.msg).toString('utf8') })),
    warnings: raw.warnings.map((warning) => ({ vertex: warning.vertex, text: Buffer.from(warning.short).toString('utf8') })),
  };
}
