import { z } from 'zod';
import { ReportListResponse, ReportResponse, ReportShareListResponse, ReportShareResponse, SharedReportResponse, type ReportInput } from './reports';
import { HistoryResponse } from './api';
import { request as apiRequest, type ServerConnection } from './sync-api-client';

const enc = encodeURIComponent;

/** The reports API for the UI (same request helper and error type as serverApi). */
export const reportsApi = {
  create: async (conn: ServerConnection, input: ReportInput) => (await apiRequest(conn, ReportResponse, 'POST', '/api/v1/reports', true, input)).report,
  list: async (conn: ServerConnection) => (await apiRequest(conn, ReportListResponse, 'GET', '/api/v1/reports')).reports,
  get: async (conn: ServerConnection, id: string) => (await apiRequest(conn, ReportResponse, 'GET', `/api/v1/reports/${enc(id)}`)).report,
  replace: async (conn: ServerConnection, id: string, input: ReportInput) => (await apiRequest(conn, ReportResponse, 'PUT', `/api/v1/reports/${enc(id)}`, true, input)).report,
  remove: async (conn: ServerConnection, id: string) => void (await apiRequest(conn, z.unknown(), 'DELETE', `/api/v1/reports/${enc(id)}`)),
  createShare: async (conn: ServerConnection, id: string) => (await apiRequest(conn, ReportShareResponse, 'POST', `/api/v1/reports/${enc(id)}/shares`)).share,
  listShares: async (conn: ServerConnection, id: string) => (await apiRequest(conn, ReportShareListResponse, 'GET', `/api/v1/reports/${enc(id)}/shares`)).shares,
  /** What a report's share link shows; needs no token. */
  shared: (conn: ServerConnection, token: string) => apiRequest(conn, SharedReportResponse, 'GET', `/api/v1/shares/${enc(token)}/report`, false),
  sharedHistory: (conn: ServerConnection, token: string, runId: string, key: string, maxPoints: number) =>
    apiRequest(conn, HistoryResponse, 'GET', `/api/v1/shares/${enc(token)}/runs/${enc(runId)}/metrics/history?${new URLSearchParams({ key, maxPoints: String(maxPoints) })}`, false),
};
