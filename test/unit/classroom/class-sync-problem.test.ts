import { describe, expect, it } from 'vitest';
import { classSyncProblem } from '@/components/student/class-sync-notice';
import type { AgentStatus } from '@/lib/track/sync-controller';

const base: AgentStatus = { state: 'error', queued: 3, heldRuns: {}, enabled: true, leader: true };

describe('what a student reads when the class server refuses or slows their runs', () => {
  it('names each case: rate limit, unknown credential, ended class, other refusal', () => {
    expect(classSyncProblem({ ...base, state: 'offline', lastHttpStatus: 429, lastError: 'HTTP 429: at most 30 runs a minute' })).toMatchObject({ tone: 'amber', title: 'Your runs are sent more slowly' });
    expect(classSyncProblem({ ...base, lastHttpStatus: 401, lastError: 'HTTP 401: unauthorized' })).toMatchObject({ tone: 'red', title: 'The class server does not know this browser' });
    expect(classSyncProblem({ ...base, lastHttpStatus: 403, lastError: 'HTTP 403: this class has ended' })).toMatchObject({ tone: 'amber', title: 'This class has ended' });
    expect(classSyncProblem({ ...base, lastHttpStatus: 403, lastError: 'HTTP 403: students may not write runs of another student' })).toMatchObject({ tone: 'red', title: 'The class server refused your runs' });
  });

  it('says nothing when sync is fine, off, run by another tab, or the server is merely unreachable', () => {
    expect(classSyncProblem({ ...base, state: 'idle', lastError: undefined })).toBeNull();
    expect(classSyncProblem({ ...base, enabled: false, lastHttpStatus: 403, lastError: 'HTTP 403: x' })).toBeNull();
    expect(classSyncProblem({ ...base, leader: false, lastHttpStatus: 403, lastError: 'HTTP 403: x' })).toBeNull();
    expect(classSyncProblem({ ...base, state: 'offline', lastError: 'cannot reach the server' })).toBeNull();
  });
});
