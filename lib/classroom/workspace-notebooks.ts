import { z } from 'zod';
import { request } from '../track/sync-api-client';
import { connectionOf, readSyncSettings } from '../track/sync-settings';
import { ServerNotebook, type ServerNotebookPut } from './server-notebook';

/**
 * The workspace's side of the notebooks API (`GET|PUT /api/v1/notebooks/:id`): a teacher saves a
 * notebook to the server so another browser (the classroom laptop, a colleague's) opens it by its
 * link. Goes to the sync settings' server with their token (none = trusted local use).
 */
const NotebookAnswer = z.object({ notebook: ServerNotebook });
const notebookPath = (id: string) => `/api/v1/notebooks/${encodeURIComponent(id)}`;

export const workspaceNotebooks = {
  get: async (id: string) => (await request(connectionOf(readSyncSettings()), NotebookAnswer, 'GET', notebookPath(id))).notebook,
  /** 409 when `version` is not the server's current one (saved meanwhile from another browser). */
  save: async (id: string, body: ServerNotebookPut) => (await request(connectionOf(readSyncSettings()), NotebookAnswer, 'PUT', notebookPath(id), true, body)).notebook,
};
