import type { WorkerLike } from '@/lib/kernel/client';
import type { KernelRequest, WorkerMessage } from '@/lib/kernel/protocol';

/** A scripted worker: `behaviour` decides how each request is answered. */
export class FakeWorker implements WorkerLike {
  onmessage: ((event: { data: WorkerMessage }) => void) | null = null;
  onerror: ((event: { message?: string }) => void) | null = null;
  received: KernelRequest[] = [];
  terminated = false;
  constructor(private behaviour: (req: KernelRequest, w: FakeWorker) => void) {}
  postMessage(message: KernelRequest) {
    this.received.push(message);
    queueMicrotask(() => this.behaviour(message, this));
  }
  terminate() {
    this.terminated = true;
  }
  send(data: WorkerMessage) {
    this.onmessage?.({ data });
  }
}

