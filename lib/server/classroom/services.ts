import type { Db } from '../db/connect';
import type { ServerEnv } from '../env';
import { classroomLimits, type ClassroomLimits } from './limits';
import { presence, type Presence } from './presence';
import { classroomRepo, type ClassroomRepo } from './repo';

/** The classroom's part of Services: its tables, its per-student limits, who is online. */
export interface Classroom {
  repo: ClassroomRepo;
  limits: ClassroomLimits;
  presence: Presence;
}

export function createClassroom(db: Db, env: ServerEnv, log: (line: string) => void = console.error): Classroom {
  const repo = classroomRepo(db);
  return { repo, limits: classroomLimits(env, repo), presence: presence(repo, log) };
}
