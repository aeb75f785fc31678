import {
  DataType,
  elementCount,
  type AttributeValue,
  type DimDef,
  type GraphDef,
  type NodeDef,
  type TensorData,
  type TensorDef,
  type ValueInfoDef,
} from './onnx-ir';

/** Typed attribute constructors: ONNX distinguishes int from float attributes, JS numbers do not. */
export const attr = {
  int: (value: number): AttributeValue => ({ type: 'int', value }),
  ints: (value: number[]): AttributeValue => ({ type: 'ints', value }),
  float: (value: number): AttributeValue => ({ type: 'float', value }),
  floats: (value: number[]): AttributeValue => ({ type: 'floats', value }),
  string: (value: string): AttributeValue => ({ type: 'string', value }),
  strings: (value: string[]): AttributeValue => ({ type: 'strings', value }),
};

/** Keeps value names readable by ONNX tools (Netron, onnx.checker): letters, digits and _./:- */
export function sanitizeName(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9_./:-]/g, '_');
  return clean.length > 0 ? clean : 'value';
}

/**
 * Collects nodes, initializers and graph inputs/outputs with unique names. Every helper returns
 * the name of the value it produced, so converters chain calls without inventing names.
 */
export class GraphBuilder {
  private readonly nodes: NodeDef[] = [];
  private readonly initializers: TensorDef[] = [];
  private readonly inputs: ValueInfoDef[] = [];
  private readonly outputs: ValueInfoDef[] = [];
  private readonly used = new Set<string>();
  /** Values renamed by addOutput, so later references to the old name still resolve. */
  private readonly renamed = new Map<string, string>();
  private readonly scalars = new Map<number, string>();

  constructor(private readonly graphName: string) {}

  /** A name not used yet, derived from `base` (suffixes _1, _2… on clashes). */
  uniqueName(base: string): string {
    const clean = sanitizeName(base);
    let name = clean;
    for (let i = 1; this.used.has(name); i++) name = `${clean}_${i}`;
    this.used.add(name);
    return name;
  }

  addInput(base: string, elemType: DataType, shape: DimDef[]): string {
    const name = this.uniqueName(base);
    this.inputs.push({ name, elemType, shape });
    return name;
  }

  initializer(base: string, dataType: DataType, dims: number[], data: TensorData): string {
    if (data.length !== elementCount(dims)) {
      throw new Error(`initializer ${base}: ${data.length} values for dims [${dims.join(', ')}]`);
    }
    const name = this.uniqueName(base);
    this.initializers.push({ name, dataType, dims: [...dims], data });
    return name;
  }

  floatConst(base: string, dims: number[], values: ArrayLike<number>): string {
    return this.initializer(base, DataType.FLOAT, dims, Float32Array.from(values));
  }

  /** A float32 scalar, shared by every node that needs the same value. */
  floatScalar(value: number): string {
    const key = Math.fround(value);
    const cached = this.scalars.get(key);
    if (cached !== undefined) return cached;
    const name = this.initializer(`const/${key}`, DataType.FLOAT, [], Float32Array.of(key));
    this.scalars.set(key, name);
    return name;
  }

  /** A 1-D int64 tensor (shapes for Reshape, axes, pads). */
  int64Const(base: string, values: number[]): string {
    return this.initializer(base, DataType.INT64, [values.length], BigInt64Array.from(values.map((v) => BigInt(v))));
  }

  /** Adds one node; returns its output names (`outputs` of them, default 1). */
  node(opType: string, inputs: string[], attributes: Record<string, AttributeValue> = {}, opts: { scope?: string; outputs?: number } = {}): string[] {
    const name = this.uniqueName(`${opts.scope ?? 'graph'}/${opType}`);
    const count = opts.outputs ?? 1;
    const outputs = Array.from({ length: count }, (_, i) => this.uniqueName(count === 1 ? `${name}:0` : `${name}:${i}`));
    this.nodes.push({ name, opType, inputs, outputs, attributes });
    return outputs;
  }

  /** Single-output convenience over `node`. */
  op(opType: string, inputs: string[], attributes: Record<string, AttributeValue> = {}, scope?: string): string {
    return this.node(opType, inputs, attributes, { scope })[0];
  }

  /**
   * Declares `value` a graph output called `outputName`. The producing node's output is renamed
   * when that is safe; otherwise (a graph input, or a value already exposed) an Identity is added.
   */
  addOutput(valueName: string, outputName: string, elemType: DataType, shape: DimDef[]): string {
    const value = this.renamed.get(valueName) ?? valueName;
    const producer = this.nodes.find((n) => n.outputs.includes(value));
    const alreadyOutput = this.outputs.some((o) => o.name === value);
    const clean = sanitizeName(outputName);
    const name = this.used.has(clean) ? this.uniqueName(clean) : (this.used.add(clean), clean);
    if (producer && !alreadyOutput) {
      for (const n of this.nodes) {
        n.outputs = n.outputs.map((o) => (o === value ? name : o));
        n.inputs = n.inputs.map((i) => (i === value ? name : i));
      }
      this.renamed.set(value, name);
    } else {
      this.nodes.push({ name: this.uniqueName(`${name}/Identity`), opType: 'Identity', inputs: [value], outputs: [name], attributes: {} });
    }
    this.outputs.push({ name, elemType, shape });
    return name;
  }

  build(): GraphDef {
    return {
      name: this.graphName,
      nodes: [...this.nodes],
      initializers: [...this.initializers],
      inputs: [...this.inputs],
      outputs: [...this.outputs],
    };
  }
}
