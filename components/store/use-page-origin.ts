'use client';

import { useSyncExternalStore } from 'react';

const noSubscribe = () => () => {};

/** This page's origin once hydrated ("" while rendering on the server, so both renders agree). */
export function usePageOrigin(): string {
  return useSyncExternalStore(noSubscribe, () => window.location.origin, () => '');
}
