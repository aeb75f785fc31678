import { randomUUID } from 'node:crypto';
import { API_LIMITS, CreateProjectRequest } from '@/lib/track/api';
import { Project } from '@/lib/track/schemas';
import { wireRows } from '../../list-rows';
import { ProjectConflictError } from '../../repos/projects';
import { HttpError, json } from '../errors';
import { readJson } from '../body';
import type { Route } from '../router';

export const projectRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/projects',
    auth: 'workspace',
    handle: async ({ services }) => json(200, { projects: wireRows(Project, await services.projects.list(), 'project') }),
  },
  {
    method: 'POST',
    path: '/api/v1/projects',
    auth: 'workspace',
    async handle({ req, services }) {
      const body = await readJson(req, CreateProjectRequest, API_LIMITS.smallJsonBytes, 'project');
      try {
        const project = await services.projects.create({ id: body.id ?? randomUUID(), name: body.name, createdAt: Date.now() });
        return json(201, { project });
      } catch (err) {
        if (err instanceof ProjectConflictError) throw new HttpError(409, 'conflict', err.message, err.field);
        throw err;
      }
    },
  },
];
