import type { Action, MemberDataParts } from './features/context';
import { authActions } from './features/auth/handlers';
import { memberActions } from './features/member/handlers';
import { orgActions } from './features/org/handlers';
import { quizActions } from './features/quiz/actions';
import { classActions } from './features/classes/handlers';
import { eventActions } from './features/events/handlers';
import { magazineActions } from './features/magazine/handlers';
import { mediaActions } from './features/media/handlers';
import { notifyActions } from './features/notify/handlers';

/**
 * Every action the API serves. A feature adds its list here (and its types to contracts/index.ts);
 * app.ts passes what the features keep about a member, for 我的数据 and 注销.
 */
export function appActions(memberData: MemberDataParts): Action[] {
  return [
    ...authActions,
    ...memberActions(memberData),
    ...orgActions,
    ...quizActions,
    ...classActions,
    ...eventActions,
    ...magazineActions,
    ...mediaActions,
    ...notifyActions,
  ];
}
