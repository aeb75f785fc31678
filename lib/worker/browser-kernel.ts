import { createKernel, type CreateKernelOptions, type KernelClient, type WorkerLike } from '../kernel/client';

const kernelWorker = (): WorkerLike =>
  new Worker(new URL('./kernel.worker.ts', import.meta.url), { type: 'module', name: 'benchtop-kernel' }) as unknown as WorkerLike;

/** A kernel client running on the real module worker (kernel host + `bench`), for the browser. */
export function createBrowserKernel(options: Omit<CreateKernelOptions, 'createWorker'>): KernelClient {
  return createKernel({ ...options, createWorker: kernelWorker });
}
