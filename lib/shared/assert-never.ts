/** Ends every exhaustive `switch` over a message type: adding a variant becomes a type error. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
