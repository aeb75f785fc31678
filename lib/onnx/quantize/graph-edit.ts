import type { GraphDef, TensorDef } from '../onnx-ir';

/**
 * Small helpers for rewriting a finished GraphDef (quantizers work on the graph, not on tfjs).
 */
export class GraphEditor {
  private readonly used = new Set<string>();
  readonly initializers: Map<string, TensorDef>;

  constructor(readonly graph: GraphDef) {
    for (const n of graph.nodes) {
      this.used.add(n.name);
      n.outputs.forEach((o) => this.used.add(o));
    }
    for (const t of graph.initializers) this.used.add(t.name);
    for (const v of [...graph.inputs, ...graph.outputs]) this.used.add(v.name);
    this.initializers = new Map(graph.initializers.map((t) => [t.name, t]));
  }

  uniqueName(base: string): string {
    let name = base;
    for (let i = 1; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }

  /** Names of values produced by nodes or graph inputs (everything that is not a constant). */
  isActivation(name: string): boolean {
    return !this.initializers.has(name);
  }
}
