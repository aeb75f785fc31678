import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Project } from '@/lib/track/schemas';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../http/errors';

export interface ProjectsRepo {
  list(): Promise<Project[]>;
  get(id: string): Promise<Project | undefined>;
  /** Throws ProjectConflictError when the id or the name is taken. */
  create(project: Project): Promise<Project>;
}

export class ProjectConflictError extends Error {
  constructor(readonly field: 'id' | 'name', value: string) {
    super(`a project with ${field} "${value}" already exists`);
  }
}

/**
 * Creates the project a run names if it does not exist yet (browser runs land in "default" or
 * their notebook's project without a separate call). Named after its id; when another project
 * already has that name (one created through the API or MLflow, whose ids are generated), the
 * id is added to the name, so the run is stored rather than refused by the unique name.
 */
export async function ensureProject(db: Kysely<Database>, id: string, nowMs: number): Promise<void> {
  const exists = async () => (await db.selectFrom('projects').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  if (await exists()) return;
  for (const name of [id, `${id} (${id})`, `${id} (${randomUUID()})`]) {
    await db
      .insertInto('projects')
      .values({ id, name, created_at: nowMs, updated_at: nowMs, lifecycle_stage: 'active' })
      .onConflict((oc) => oc.doNothing())
      .execute();
    if (await exists()) return;
  }
  throw new ProjectConflictError('name', id);
}

export function projectsRepo(kysely: Kysely<Database>): ProjectsRepo {
  const select = () => kysely.selectFrom('projects').select(['id', 'name', 'created_at']).where('lifecycle_stage', '=', 'active');
  const toProject = (r: { id: string; name: string; created_at: number }): Project => ({ id: r.id, name: r.name, createdAt: r.created_at });
  return {
    async list() {
      return (await select().orderBy('created_at', 'asc').orderBy('id').execute()).map(toProject);
    },
    async get(id) {
      const row = await select().where('id', '=', id).executeTakeFirst();
      return row ? toProject(row) : undefined;
    },
    async create(project) {
      try {
        return await insertProject(project);
      } catch (err) {
        // Another connection or app instance inserted the same id or name after our check.
        if (!isUniqueViolation(err)) throw err;
        const sameId = await kysely.selectFrom('projects').select('id').where('id', '=', project.id).executeTakeFirst();
        throw sameId ? new ProjectConflictError('id', project.id) : new ProjectConflictError('name', project.name);
      }
    },
  };

  function insertProject(project: Project): Promise<Project> {
    return kysely.transaction().execute(async (trx) => {
      const clash = await trx
        .selectFrom('projects')
        .select(['id', 'name'])
        .where((eb) => eb.or([eb('id', '=', project.id), eb('name', '=', project.name)]))
        .executeTakeFirst();
      if (clash) throw clash.id === project.id ? new ProjectConflictError('id', project.id) : new ProjectConflictError('name', project.name);
      await trx
        .insertInto('projects')
        .values({ id: project.id, name: project.name, created_at: project.createdAt, updated_at: project.createdAt, lifecycle_stage: 'active' })
        .execute();
      return project;
    });
  }
}
