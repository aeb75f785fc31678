/**
 * A reducer built from a table of named, pure transitions (marimo's createReducer pattern):
 * every action is `{type: <handler name>, payload: <handler's second parameter>}`, so adding an
 * action is adding one entry, and the action union is derived from the table.
 */

/** `payload: never` accepts a handler with any payload type (parameters are contravariant). */
type Handler<S> = (state: S, payload: never) => S;

export type ActionsOf<H extends Record<string, (state: never, payload: never) => unknown>> = {
  [K in keyof H & string]: { type: K; payload: Parameters<H[K]>[1] };
}[keyof H & string];

export function createReducer<S, H extends Record<string, Handler<S>>>(handlers: H) {
  type Action = ActionsOf<H>;
  function reducer(state: S, action: Action): S {
    const handler = handlers[action.type];
    if (!handler) throw new Error(`Unknown notebook action "${String(action.type)}"`);
    return handler(state, action.payload as never);
  }
  /** Typed action creators: `actions.addCell({...})` returns the action object. */
  const actions = Object.fromEntries(
    Object.keys(handlers).map((type) => [type, (payload: unknown) => ({ type, payload })]),
  ) as { [K in keyof H & string]: (payload: Parameters<H[K]>[1]) => Extract<Action, { type: K }> };
  return { reducer, actions };
}
