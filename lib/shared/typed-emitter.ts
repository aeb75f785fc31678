/**
 * A tiny synchronous event emitter keyed by event name, with the payload type per name checked
 * at compile time. For in-tab singletons (a window CustomEvent bus is untyped, needs a DOM, and
 * cannot be used from Node tests or workers).
 */
export class TypedEmitter<Events extends Record<string, unknown>> {
  private listeners = new Map<keyof Events, Set<(payload: never) => void>>();

  on<K extends keyof Events>(name: K, listener: (payload: Events[K]) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => void set.delete(listener);
  }

  emit<K extends keyof Events>(name: K, payload: Events[K]): void {
    // A copy: a listener may unsubscribe (or subscribe another) while we iterate.
    for (const listener of [...(this.listeners.get(name) ?? [])]) (listener as (p: Events[K]) => void)(payload);
  }

  listenerCount(name: keyof Events): number {
    return this.listeners.get(name)?.size ?? 0;
  }
}
