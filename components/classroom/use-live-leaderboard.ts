'use client';

import { useEffect, useState } from 'react';
import type { Leaderboard, LeaderboardQuery } from '@/lib/classroom/api';
import { followLeaderboard, type StreamState } from '@/lib/classroom/leaderboard-stream';
import { teacherApi } from '@/lib/classroom/teacher-client';
import type { ServerConnection } from '@/lib/track/sync-api-client';
import { toFailure, type ClassroomFailure } from './classroom-failure';

/** While the stream is down, the board is polled this often instead. */
export const LEADERBOARD_FALLBACK_POLL_MS = 3_000;

export interface LiveLeaderboard {
  board: Leaderboard | null;
  stream: StreamState;
  /** Why the stream is reconnecting or was refused. */
  streamDetail: string | null;
  /** The last fallback poll's failure (null while the stream is live). */
  failure: ClassroomFailure | null;
}

/**
 * One assignment's leaderboard, live over SSE (reconnecting by itself); while the stream is not
 * live the board is polled, so a proxy that buffers event streams still gets a moving board.
 */
export function useLiveLeaderboard(conn: ServerConnection, classId: string, query: LeaderboardQuery): LiveLeaderboard {
  const [board, setBoard] = useState<Leaderboard | null>(null);
  const [stream, setStream] = useState<StreamState>('connecting');
  const [streamDetail, setStreamDetail] = useState<string | null>(null);
  const [failure, setFailure] = useState<ClassroomFailure | null>(null);
  const { assignment, metric, goal } = query;

  useEffect(() => {
    const ctrl = new AbortController();
    setBoard(null);
    void followLeaderboard({
      url: teacherApi.leaderboardStreamUrl(conn, classId, { assignment, metric, goal }),
      token: conn.token ?? null,
      signal: ctrl.signal,
      onBoard: (b) => (setBoard(b), setFailure(null)),
      onState: (s, detail) => (setStream(s), setStreamDetail(detail ?? null)),
    });
    return () => ctrl.abort();
  }, [conn, classId, assignment, metric, goal]);

  const polling = stream !== 'live' && stream !== 'ended';
  useEffect(() => {
    if (!polling) return;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () =>
      teacherApi.leaderboard(conn, classId, { assignment, metric, goal }).then(
        (b) => current && (setBoard(b), setFailure(null)),
        (e: unknown) => current && setFailure(toFailure(e)),
      ).finally(() => {
        if (current) timer = setTimeout(poll, LEADERBOARD_FALLBACK_POLL_MS);
      });
    void poll();
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [polling, conn, classId, assignment, metric, goal]);

  return { board, stream, streamDetail, failure };
}
