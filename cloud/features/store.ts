import type { MemberRepo } from './member/repo';
import type { OrgRepo } from './org/repo';
import type { AdminRepo } from './admin/repo';
import type { PointsRepo } from './points/repo';
import type { QuizRepo } from './quiz/repo';
import type { ClassRepo } from './classes/repo';
import type { EventRepo } from './events/repo';
import type { MagazineRepo } from './magazine/repo';
import type { MediaRepo } from './media/repo';
import type { NotifyRepo } from './notify/repo';

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
  notify: NotifyRepo;
  meta: MetaRepo;
  close(): Promise<void>;
}

export interface MetaRepo {
  /** Seed bookkeeping: a seed that has run is not run again. */
  seedHasRun(name: string): Promise<boolean>;
  markSeedRun(name: string, at: Date): Promise<void>;
}
