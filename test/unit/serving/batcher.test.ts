import { describe, expect, it } from 'vitest';
import { DynamicBatcher, type Feeds } from '@/lib/server/model-serving/batcher';

/** A fake model: output row r = input row r times 2, summed per row; it records each run's rows. */
function doubler(delayMs = 5) {
  const runs: number[] = [];
  const run = async (feeds: Feeds) => {
    const x = feeds.x;
    runs.push(x.dims[0]);
    await new Promise((r) => setTimeout(r, delayMs));
    const cols = x.dims[1];
    const out = new Float32Array(x.dims[0]);
    for (let r = 0; r < x.dims[0]; r++) for (let c = 0; c < cols; c++) out[r] += (x.data as Float32Array)[r * cols + c] * 2;
    return { y: { dims: [x.dims[0]], dtype: 'float32', data: out } };
  };
  return { runs, run };
}

const feed = (rows: number[][]): Feeds => ({ x: { dtype: 'float32', dims: [rows.length, rows[0].length], data: Float32Array.from(rows.flat()) } });

describe('DynamicBatcher', () => {
  it('runs a lone request at once, then stacks the requests that arrived meanwhile into one run and splits the rows back', async () => {
    const model = doubler();
    const b = new DynamicBatcher({ run: model.run, batchable: true, maxBatchRows: 64 });
    const results = await Promise.all(Array.from({ length: 9 }, (_, i) => b.submit(feed([[i, 1]]))));
    expect(model.runs[0]).toBe(1);
    expect(model.runs.slice(1)).toEqual([8]);
    results.forEach((r, i) => expect(Array.from(r.outputs.y.data as Float32Array)).toEqual([(i + 1) * 2]));
    expect(results[5].batchRows).toBe(8);
  });

  it('keeps runs within maxBatchRows and keeps multi-row requests whole', async () => {
    const model = doubler();
    const b = new DynamicBatcher({ run: model.run, batchable: true, maxBatchRows: 4 });
    const results = await Promise.all([b.submit(feed([[1, 0]])), b.submit(feed([[1, 1], [2, 2], [3, 3]])), b.submit(feed([[4, 4], [5, 5]])), b.submit(feed([[6, 0]]))]);
    expect(model.runs.every((n) => n <= 4)).toBe(true);
    expect(Array.from(results[1].outputs.y.data as Float32Array)).toEqual([4, 8, 12]);
    expect(Array.from(results[2].outputs.y.data as Float32Array)).toEqual([16, 20]);
    expect(Array.from(results[3].outputs.y.data as Float32Array)).toEqual([12]);
  });

  it('never stacks requests whose non-batch dims differ', async () => {
    const model = doubler();
    const b = new DynamicBatcher({ run: model.run, batchable: true });
    const [a, c, d] = await Promise.all([b.submit(feed([[1, 1]])), b.submit(feed([[1, 1, 1]])), b.submit(feed([[2, 2]]))]);
    expect(Array.from(a.outputs.y.data as Float32Array)).toEqual([4]);
    expect(Array.from(c.outputs.y.data as Float32Array)).toEqual([6]);
    expect(Array.from(d.outputs.y.data as Float32Array)).toEqual([8]);
  });

  it('waits up to maxWaitMs on an idle model for an announced request, and runs when it arrives', async () => {
    const model = doubler(1);
    const b = new DynamicBatcher({ run: model.run, batchable: true, maxWaitMs: 1000 });
    b.expect();
    b.expect();
    const t0 = performance.now();
    await Promise.all([b.submit(feed([[1, 1]])), new Promise((r) => setTimeout(r, 5)).then(() => b.submit(feed([[2, 2]])))]);
    expect(model.runs).toEqual([2]);
    expect(performance.now() - t0).toBeLessThan(500); // ran when the second arrived, not at the 1 s limit
  });

  it('a lone request never waits for a batch that is not coming, even with maxWaitMs', async () => {
    const model = doubler(1);
    const b = new DynamicBatcher({ run: model.run, batchable: true, maxWaitMs: 1000 });
    const t0 = performance.now();
    b.expect();
    await b.submit(feed([[1, 1]]));
    expect(performance.now() - t0).toBeLessThan(500);
    // An announced request whose body was refused stops holding the batch back.
    b.expect();
    b.expect();
    const waiting = b.submit(feed([[3, 3]]));
    b.cancel();
    const t1 = performance.now();
    await waiting;
    expect(performance.now() - t1).toBeLessThan(500);
    expect(model.runs).toEqual([1, 1]);
  });

  it('a failed run rejects every request in it, and the next batch still runs', async () => {
    let fail = true;
    const b = new DynamicBatcher({
      batchable: true,
      run: async (feeds) => {
        await new Promise((r) => setTimeout(r, 2));
        if (fail) {
          fail = false;
          throw new Error('boom');
        }
        return { y: feeds.x };
      },
    });
    const outcomes = await Promise.allSettled([b.submit(feed([[1]])), b.submit(feed([[2]]))]);
    expect(outcomes[0].status).toBe('rejected');
    const after = await b.submit(feed([[3]]));
    expect(Array.from(after.outputs.y.data as Float32Array)).toEqual([3]);
    expect(b.inFlight).toBe(0);
  });

  it('runs each request alone when the model has no free batch axis', async () => {
    const model = doubler(1);
    const b = new DynamicBatcher({ run: model.run, batchable: false });
    await Promise.all([b.submit(feed([[1, 1]])), b.submit(feed([[1, 1]]))]);
    expect(model.runs).toEqual([1, 1]);
  });
});
