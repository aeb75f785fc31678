import type { AttributeValue, GraphDef, ModelDef, NodeDef, TensorDef, ValueInfoDef } from './onnx-ir';

/**
 * A minimal protobuf encoder for ONNX's ModelProto. Field numbers come from onnx.proto.
 * Nested messages are kept as chunk lists and copied once at the end, so large raw tensor
 * data is never copied per nesting level. Repeated scalars are written unpacked (proto2 style),
 * which every protobuf parser accepts.
 */
const WIRE_VARINT = 0;
const WIRE_LEN = 2;
const WIRE_FIXED32 = 5;

const textEncoder = new TextEncoder();

class ProtoWriter {
  private chunks: Uint8Array[] = [];
  private scratch: number[] = [];
  length = 0;

  private flushScratch(): void {
    if (this.scratch.length === 0) return;
    this.chunks.push(Uint8Array.from(this.scratch));
    this.scratch = [];
  }

  private varint(value: number | bigint): void {
    if (typeof value === 'number' && value >= 0 && value <= 0x7fffffff) {
      let v = value;
      while (v > 0x7f) {
        this.scratch.push((v & 0x7f) | 0x80);
        v >>>= 7;
      }
      this.scratch.push(v);
      return;
    }
    if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new Error(`protobuf: integer ${value} is not exact`);
    // int64 fields: negative values are two's complement on 64 bits (10 bytes).
    let v = BigInt.asUintN(64, BigInt(value));
    while (v > 0x7fn) {
      this.scratch.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.scratch.push(Number(v));
  }

  private tag(field: number, wire: number): void {
    this.varint((field << 3) | wire);
  }

  /** Runs `write` and keeps `length` equal to the bytes it appended to scratch. */
  private track(write: () => void): void {
    const before = this.scratch.length;
    write();
    this.length += this.scratch.length - before;
  }

  int(field: number, value: number | bigint): void {
    this.track(() => {
      this.tag(field, WIRE_VARINT);
      this.varint(value);
    });
  }

  float(field: number, value: number): void {
    const buf = new Uint8Array(4);
    new DataView(buf.buffer).setFloat32(0, value, true);
    this.track(() => {
      this.tag(field, WIRE_FIXED32);
      this.scratch.push(...buf);
    });
  }

  bytes(field: number, data: Uint8Array): void {
    this.track(() => {
      this.tag(field, WIRE_LEN);
      this.varint(data.length);
    });
    this.flushScratch();
    this.chunks.push(data);
    this.length += data.length;
  }

  string(field: number, value: string): void {
    this.bytes(field, textEncoder.encode(value));
  }

  message(field: number, sub: ProtoWriter): void {
    this.track(() => {
      this.tag(field, WIRE_LEN);
      this.varint(sub.length);
    });
    this.flushScratch();
    sub.flushScratch();
    this.chunks.push(...sub.chunks);
    this.length += sub.length;
  }

  finish(): Uint8Array {
    this.flushScratch();
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const c of this.chunks) {
      out.set(c, offset);
      offset += c.length;
    }
    return out;
  }
}

function littleEndianBytes(t: TensorDef): Uint8Array {
  const { data } = t;
  // Typed arrays are little-endian on every platform browsers and Node run on.
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function tensorProto(t: TensorDef): ProtoWriter {
  const w = new ProtoWriter();
  for (const d of t.dims) w.int(1, d);
  w.int(2, t.dataType);
  w.string(8, t.name);
  w.bytes(9, littleEndianBytes(t));
  return w;
}

/** AttributeProto.AttributeType values. */
const ATTR_TYPE = { float: 1, int: 2, string: 3, tensor: 4, floats: 6, ints: 7, strings: 8 } as const;

function attributeProto(name: string, attr: AttributeValue): ProtoWriter {
  const w = new ProtoWriter();
  w.string(1, name);
  w.int(20, ATTR_TYPE[attr.type]);
  switch (attr.type) {
    case 'float': w.float(2, attr.value); break;
    case 'int': w.int(3, attr.value); break;
    case 'string': w.string(4, attr.value); break;
    case 'tensor': w.message(5, tensorProto(attr.value)); break;
    case 'floats': for (const f of attr.value) w.float(7, f); break;
    case 'ints': for (const i of attr.value) w.int(8, i); break;
    case 'strings': for (const v of attr.value) w.string(9, v); break;
    default: {
      const never: never = attr;
      throw new Error(`protobuf: unknown attribute ${JSON.stringify(never)}`);
    }
  }
  return w;
}

function nodeProto(n: NodeDef): ProtoWriter {
  const w = new ProtoWriter();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, n.name);
  w.string(4, n.opType);
  for (const [name, attr] of Object.entries(n.attributes)) w.message(5, attributeProto(name, attr));
  return w;
}

function valueInfoProto(v: ValueInfoDef): ProtoWriter {
  const tensorType = new ProtoWriter();
  tensorType.int(1, v.elemType);
  if (v.shape) {
    const shape = new ProtoWriter();
    for (const d of v.shape) {
      const dim = new ProtoWriter();
      // null: a dimension of unknown size with no name (neither dim_value nor dim_param).
      if (typeof d === 'number') dim.int(1, d);
      else if (d !== null) dim.string(2, d);
      shape.message(1, dim);
    }
    tensorType.message(2, shape);
  }
  const type = new ProtoWriter();
  type.message(1, tensorType);
  const w = new ProtoWriter();
  w.string(1, v.name);
  w.message(2, type);
  return w;
}

function graphProto(g: GraphDef): ProtoWriter {
  const w = new ProtoWriter();
  for (const n of g.nodes) w.message(1, nodeProto(n));
  w.string(2, g.name);
  for (const t of g.initializers) w.message(5, tensorProto(t));
  for (const v of g.inputs) w.message(11, valueInfoProto(v));
  for (const v of g.outputs) w.message(12, valueInfoProto(v));
  return w;
}

/** Serializes a model to ONNX protobuf bytes. */
export function encodeModel(model: ModelDef): Uint8Array {
  const w = new ProtoWriter();
  w.int(1, model.irVersion);
  w.string(2, model.producerName);
  w.string(3, model.producerVersion);
  if (model.docString) w.string(6, model.docString);
  w.message(7, graphProto(model.graph));
  const opset = new ProtoWriter();
  opset.string(1, '');
  opset.int(2, model.opset);
  w.message(8, opset);
  for (const [key, value] of Object.entries(model.metadata)) {
    const entry = new ProtoWriter();
    entry.string(1, key);
    entry.string(2, value);
    w.message(14, entry);
  }
  return w.finish();
}
