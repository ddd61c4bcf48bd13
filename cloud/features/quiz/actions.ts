import { quizMemberActions } from './handlers';
import { quizAdminActions } from './admin';

export const quizActions = [...quizMemberActions, ...quizAdminActions];
