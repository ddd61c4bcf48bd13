import type { Action } from './core/action';
import { authActions } from './features/auth/handlers';
import { memberActions } from './features/member/handlers';
import { orgActions } from './features/org/handlers';
import { quizActions } from './features/quiz/actions';
import { classActions, releaseClassesOfDeletedMember } from './features/classes/handlers';
import { onBeforeMemberDelete } from './features/member/hooks';
import { eventActions } from './features/events/handlers';
import { magazineActions } from './features/magazine/handlers';
import { mediaActions } from './features/media/handlers';
import { notifyActions } from './features/notify/handlers';

/** Every action the API serves. A feature adds its list here (and its types to contracts/index.ts). */
export const actions: Action[] = [...authActions, ...memberActions, ...orgActions, ...quizActions, ...classActions, ...eventActions, ...magazineActions, ...mediaActions, ...notifyActions];

/** Features that must act before a member's account is deleted (see features/member/hooks.ts). */
onBeforeMemberDelete(releaseClassesOfDeletedMember);
