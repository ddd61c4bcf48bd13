import type { MemberRepo } from '../features/member/repo';
import type { OrgRepo } from '../features/org/repo';
import type { AdminRepo } from '../features/admin/repo';
import type { PointsRepo } from '../features/points/repo';
import type { QuizRepo } from '../features/quiz/repo';
import type { ClassRepo } from '../features/classes/repo';
import type { EventRepo } from '../features/events/repo';
import type { MagazineRepo } from '../features/magazine/repo';
import type { MediaRepo } from '../features/media/repo';

/**
 * Everything handlers may do to storage. Each feature contributes one repository interface;
 * an adapter (SQLite today, the WeChat cloud database later) implements all of them.
 */
export interface Store {
  members: MemberRepo;
  orgs: OrgRepo;
  admins: AdminRepo;
  points: PointsRepo;
  magazine: MagazineRepo;
  events: EventRepo;
  classes: ClassRepo;
  quiz: QuizRepo;
  media: MediaRepo;
  meta: MetaRepo;
  close(): void;
}

export interface MetaRepo {
  /** Seed bookkeeping: a seed that has run is not run again. */
  seedHasRun(name: string): Promise<boolean>;
  markSeedRun(name: string, at: Date): Promise<void>;
}
