// Decodes the Kubernetes protobuf request bodies helm and kubectl's typed
// clients send: `k8s\0` + runtime.Unknown{typeMeta, raw}, raw being a
// proto2 message. Go writes empty strings and zero numbers explicitly, so
// zero values read as unset unless the field is a pointer in Go ('ptr').
import { KINDS, type TMessage, type TType } from './protobuf-types';
import { errors } from './status';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

class Reader {
  pos = 0;
  constructor(readonly buf: Buffer) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.buf.length) throw new Error('truncated varint');
      const byte = this.buf[this.pos++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
  }

  bytes(): Buffer {
    const len = Number(this.varint());
    const end = this.pos + len;
    if (end > this.buf.length) throw new Error('truncated field');
    const out = this.buf.subarray(this.pos, end);
    this.pos = end;
    return out;
  }

  /** Next field: number, wire type, and its raw payload (varint as bigint, bytes as Buffer). */
  field(): { num: number; wire: number; value: bigint | Buffer } {
    const tag = Number(this.varint());
    const num = tag >>> 3;
    const wire = tag & 7;
    if (wire === 0) return { num, wire, value: this.varint() };
    if (wire === 2) return { num, wire, value: this.bytes() };
    if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4;
      const value = this.buf.subarray(this.pos, this.pos + size);
      this.pos += size;
      return { num, wire, value };
    }
    throw new Error(`unsupported wire type ${wire}`);
  }
}

function signed(v: bigint, bits: 32 | 64): number {
  return Number(BigInt.asIntN(bits, v));
}

function isEmpty(v: unknown): boolean {
  return (
    v === undefined ||
    (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0)
  );
}

function scalar(type: TType, value: bigint | Buffer): unknown {
  switch (type) {
    case 'string':
      return (value as Buffer).toString('utf8');
    case 'bytes':
      return (value as Buffer).toString('base64');
    case 'int32':
      return signed(value as bigint, 32);
    case 'int64':
      return signed(value as bigint, 64);
    case 'bool':
      return (value as bigint) !== 0n;
    case 'time': {
      const t = decodeMessage(value as Buffer, {
        1: ['seconds', 'int64'],
        2: ['nanos', 'int32'],
      }) as { seconds?: number };
      return t.seconds
        ? new Date(t.seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z')
        : undefined;
    }
    case 'intstr': {
      const v = decodeMessage(value as Buffer, {
        1: ['type', 'int64'],
        2: ['intVal', 'int32'],
        3: ['strVal', 'string'],
      }) as {
        type?: number;
        intVal?: number;
        strVal?: string;
      };
      return v.type === 1 ? (v.strVal ?? '') : (v.intVal ?? 0);
    }
    case 'quantity':
      return (decodeMessage(value as Buffer, { 1: ['string', 'string'] }) as { string?: string })
        .string;
    default:
      if (Array.isArray(type)) {
        const entry = decodeMessage(value as Buffer, {
          1: ['key', type[1], 'ptr'],
          2: ['value', type[2], 'ptr'],
        }) as { key?: string; value?: unknown };
        return [
          entry.key ?? '',
          entry.value ?? (type[2] === 'string' || type[2] === 'bytes' ? '' : undefined),
        ];
      }
      return decodeMessage(value as Buffer, type);
  }
}

function isZero(v: unknown): boolean {
  return v === '' || v === 0 || v === false || isEmpty(v);
}

export function decodeMessage(buf: Buffer, desc: TMessage): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const reader = new Reader(buf);
  while (!reader.done) {
    const { num, wire, value } = reader.field();
    const field = desc[num];
    if (!field) continue;
    const [name, type, flag] = field;
    if (Array.isArray(type) && type[0] === 'map') {
      const [k, v] = scalar(type, value) as [string, unknown];
      const map = (out[name] ??= {}) as Record<string, unknown>;
      map[k] = v;
      continue;
    }
    if (flag === 'rep' && wire === 2 && (type === 'int32' || type === 'int64' || type === 'bool')) {
      const packed = new Reader(value as Buffer);
      const list = (out[name] ??= []) as unknown[];
      while (!packed.done) list.push(scalar(type, packed.varint()));
      continue;
    }
    const decoded = scalar(type, value);
    if (flag === 'rep') {
      ((out[name] ??= []) as unknown[]).push(decoded ?? {});
    } else if (flag === 'ptr' ? decoded !== undefined : !isZero(decoded)) {
      out[name] = decoded;
    }
  }
  return out;
}

/** Decodes a `k8s\0`-framed protobuf body into the JSON form of the object. */
export function decodeProtobufBody(body: Buffer): Record<string, unknown> {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC))
    throw errors.badRequest('provided protobuf body does not start with the k8s\\0 prefix');
  let unknown: { typeMeta?: { apiVersion?: string; kind?: string }; raw?: string };
  try {
    unknown = decodeMessage(body.subarray(4), {
      1: ['typeMeta', { 1: ['apiVersion', 'string'], 2: ['kind', 'string'] }],
      2: ['raw', 'bytes'],
    }) as typeof unknown;
  } catch (e) {
    throw errors.badRequest(`unable to decode protobuf body: ${(e as Error).message}`);
  }
  const kind = unknown.typeMeta?.kind ?? '';
  const apiVersion = unknown.typeMeta?.apiVersion ?? '';
  const desc = KINDS[kind];
  if (!desc) {
    throw errors.unsupportedMediaType(
      `application/vnd.kubernetes.protobuf (${apiVersion} ${kind} is not decoded by the sandbox)`,
      ['application/json', 'application/yaml'],
    );
  }
  try {
    const obj = decodeMessage(Buffer.from(unknown.raw ?? '', 'base64'), desc);
    return { ...(apiVersion ? { apiVersion } : {}), kind, ...obj };
  } catch (e) {
    throw errors.badRequest(`unable to decode ${kind} protobuf: ${(e as Error).message}`);
  }
}
