'use client';

import { usePageOrigin } from '@/components/store/use-page-origin';
import { joinLink } from '@/lib/classroom/join-link';
import { teacherApi } from '@/lib/classroom/teacher-client';
import type { ServerInfo } from '@/lib/shared/server-info';
import type { ServerConnection } from '@/lib/track/sync-api-client';
import { usePolled } from './use-polled';

/**
 * The class's join link (and what server-info said, for the certificate fingerprint): the server's first LAN URL (server-info) when it has one, else this
 * page's origin. A server without server-info (older, or a failure) falls back quietly: the
 * link still works for whoever can reach this origin.
 */
export function useJoinLink(conn: ServerConnection, code: string): { link: string; info: ServerInfo | undefined } {
  const origin = usePageOrigin();
  const info = usePolled(() => teacherApi.serverInfo(conn), null, [conn]);
  return { link: joinLink({ code, lanUrls: info.value?.lanUrls ?? null, origin }), info: info.value };
}
