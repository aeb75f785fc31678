import { describe, expect, it } from 'vitest';
import { createCell } from '@/lib/notebook/cell';
import { analyzeSweepCell, cellExecution, sweepCellToCode } from '@/lib/notebook/sweep-cell';
import { compileCell } from '@/lib/kernel/cell-runner';

const CELL = `# lr search on the playground
method: random
function: trainTrial
count: 6
metric:
  name: val/loss
  goal: minimize
parameters:
  lr: {distribution: log_uniform_values, min: 0.001, max: 0.1}
  units:
    values: [4, 8, 16]
`;

describe('sweep cells', () => {
  it('takes the cell’s own keys out and validates the rest as a W&B config', () => {
    const a = analyzeSweepCell(CELL);
    expect(a.ok).toBe(true);
    expect(a.options).toEqual({ functionName: 'trainTrial', count: 6 });
    expect(a.specText.split('\n')).toHaveLength(CELL.split('\n').length);
    expect(a.specText).not.toMatch(/function|count/);
    if (a.ok) expect(a.spec).toMatchObject({ method: 'random', metric: { name: 'val/loss', goal: 'minimize' } });
    expect(analyzeSweepCell('method: grid\nparameters: {k: {values: [1, 2]}}\n').options).toEqual({ functionName: 'train' });
  });

  it('points errors at the cell’s own lines, for config fields and cell keys alike', () => {
    const bad = CELL.replace('count: 6', 'count: many').replace('max: 0.1', 'max: 0.0001').replace('values: [4, 8, 16]', 'valuez: [4, 8, 16]');
    const a = analyzeSweepCell(bad);
    expect(a.ok).toBe(false);
    if (a.ok) return;
    const byLine = a.errors.map((e) => [e.line, e.message.split(':')[0]]);
    expect(byLine).toContainEqual([4, 'count']);
    expect(byLine).toContainEqual([9, 'parameters.lr.max']);
    expect(byLine).toContainEqual([11, 'parameters.units.valuez']);
    expect(a.errors.find((e) => e.line === 11)?.message).toMatch(/did you mean "values"/);
    const yamlError = analyzeSweepCell('method: random\nparameters:\n  lr: {min: 1\n');
    expect(yamlError.ok).toBe(false);
    if (!yamlError.ok) expect(yamlError.errors[0].line).toBeGreaterThanOrEqual(3);
  });

  it('accepts JSON cells with the cell keys inside', () => {
    const a = analyzeSweepCell('{"method": "grid", "function": "fit", "parameters": {"k": {"values": [1, 2]}}}');
    expect(a.ok).toBe(true);
    expect(a.options.functionName).toBe('fit');
  });

  it('keeps a multi-line JSON cell’s lines when it takes the cell keys out', () => {
    const a = analyzeSweepCell('{\n  "function": "trainTrial",\n  "method": "random",\n  "parameters": {\n    "lr": {"distribution": "log_uniform_value", "min": 0.001, "max": 0.1}\n  },\n  "count": 2\n}');
    expect(a.ok).toBe(false);
    if (a.ok) return;
    expect(a.errors.map((e) => [e.line, e.path])).toEqual([[5, 'parameters.lr.distribution']]);
    expect(a.options).toEqual({ functionName: 'trainTrial', count: 2 });
  });

  it('compiles to kernel code that calls bench.sweep with the function and options, or throws the errors', async () => {
    const code = sweepCellToCode(CELL);
    expect(code.language).toBe('javascript');
    expect(code.source).toContain("typeof trainTrial !== 'function'");
    expect(code.source).toMatch(/await bench\.sweep\(".*", trainTrial, \{"count":6,"functionName":"trainTrial","source":".*"\}\);$/s);
    const calls: unknown[][] = [];
    const scope: Record<string, unknown> = { bench: { sweep: async (...args: unknown[]) => calls.push(args) }, trainTrial: () => 1 };
    await (await compileCell(code.source, 'javascript')).run(scope);
    expect(calls).toHaveLength(1);
    expect(calls[0][0]).toBe(analyzeSweepCell(CELL).specText);
    expect(calls[0][2]).toEqual({ count: 6, functionName: 'trainTrial', source: CELL });

    await expect((await compileCell(sweepCellToCode(CELL).source, 'javascript')).run({ bench: {} })).rejects.toThrow(/no training function "trainTrial"/);
    const invalid = sweepCellToCode('method: grid\nparameters:\n  lr: {min: 0.1, max: 1}\n');
    await expect((await compileCell(invalid.source, 'javascript')).run({})).rejects.toThrow(/invalid sweep cell:\n {2}line 3: parameters\.lr\.distribution: grid search needs discrete values/);
  });

  it('runs a sweep cell with the code cells above it as the snapshot; markdown does not run', () => {
    const cells = [createCell('code', 'const data = 1;'), createCell('sweep', CELL), createCell('code', 'later()'), createCell('markdown', '# hi')];
    const doc = { cells };
    expect(cellExecution(doc, cells[0].id)).toMatchObject({ source: 'const data = 1;', language: 'typescript', notebookCells: [{ source: 'const data = 1;' }, { source: 'later()' }] });
    expect(cellExecution(doc, cells[1].id)).toMatchObject({ cellId: cells[1].id, language: 'javascript', notebookCells: [{ cellId: cells[0].id, source: 'const data = 1;' }] });
    expect(cellExecution(doc, cells[3].id)).toBeNull();
    expect(cellExecution(doc, 'nope')).toBeNull();
  });
});
