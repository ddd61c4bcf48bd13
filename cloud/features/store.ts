import type { CoreStore, MetaRepo } from '../core/store';
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
 * an adapter (adapters/sqlite, adapters/mysql) implements all of them. It includes what core
 * itself calls (CoreStore: who is signed in, the seed claims).
 */
export interface Store extends CoreStore {
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
