/**
 * How notebook cells are type-checked in the editor: the compiler options and the declaration
 * that makes `tf` a global. Kept apart from Monaco so a unit test checks cells with exactly these
 * settings through the TypeScript API.
 */

/**
 * `tf` as every tfjs example uses it: a value (`tf.tensor(...)`) *and* a namespace of types
 * (`as tf.Tensor`, `let m: tf.Sequential`). `declare const tf: typeof import(...)` gives only the
 * value (error 2503 "Cannot find namespace 'tf'" in type positions); a UMD global declaration
 * gives both, as tfjs's own script-tag build does. Cells are scripts, and
 * `allowUmdGlobalAccess` keeps it visible if a cell ever becomes a module.
 */
export const TF_GLOBAL_DTS = `export * from '@tensorflow/tfjs';\nexport as namespace tf;\n`;
export const TF_GLOBAL_PATH = 'file:///benchtop/tf-global.d.ts';

/**
 * TypeScript diagnostics that are wrong for notebook cells: cells are scripts run with top-level
 * await (1375, 1378), and re-declaring a name in a later cell is normal (2451), as in Jupyter.
 */
export const IGNORED_DIAGNOSTICS = [1375, 1378, 2451];

/** The enum values the options use; Monaco's `typescript` namespace and the TypeScript API both have them. */
export interface TsEnums {
  ScriptTarget: { ESNext: number };
  ModuleKind: { ESNext: number };
  ModuleResolutionKind: { NodeJs: number };
}

export function cellCompilerOptions(ts: TsEnums) {
  return {
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.NodeJs,
    allowNonTsExtensions: true,
    allowJs: true,
    allowUmdGlobalAccess: true,
    strict: false,
    noEmit: true,
  };
}
