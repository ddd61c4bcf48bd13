import type { Action } from './core/action';
import { authActions } from './features/auth/handlers';
import { memberActions } from './features/member/handlers';
import { orgActions } from './features/org/handlers';
import { quizActions } from './features/quiz/actions';
import { classActions, releaseClassesOfDeletedMember } from './features/classes/handlers';
import { onBeforeMemberDelete } from './features/member/hooks';
import { eventActions } from './features/events/handlers';
import { forgetCheckinLocations } from './features/events/data-section';
import { magazineActions } from './features/magazine/handlers';
import { mediaActions } from './features/media/handlers';

/** Every action the API serves. A feature adds its list here (and its types to contracts/index.ts). */
export const actions: Action[] = [...authActions, ...memberActions, ...orgActions, ...quizActions, ...classActions, ...eventActions, ...magazineActions, ...mediaActions];

/** Features that must act before a member's account is deleted (see features/member/hooks.ts). */
onBeforeMemberDelete(releaseClassesOfDeletedMember);
onBeforeMemberDelete(forgetCheckinLocations);
