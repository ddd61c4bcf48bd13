/**
 * Every action of the API, by name, with its payload and result types.
 * Client (src/services) and handlers (cloud/features) both type against this map.
 * A feature adds its `XxxActions` map here.
 */
import type { AuthActions } from './auth';
import type { MemberActions } from './member';
import type { OrgActions } from './org';
import type { QuizActions, QuizAdminActions } from './quiz';
import type { ClassActions } from './classes';
import type { EventActions } from './events';
import type { MagazineActions } from './magazine';
import type { MediaActions } from './media';
import type { NotifyActions } from './notify';

export type ActionMap = AuthActions &
  MemberActions &
  OrgActions &
  QuizActions &
  QuizAdminActions &
  ClassActions &
  EventActions &
  MagazineActions &
  MediaActions &
  NotifyActions;

export type ActionName = keyof ActionMap;
export type PayloadOf<A extends ActionName> = ActionMap[A]['payload'];
export type ResultOf<A extends ActionName> = ActionMap[A]['result'];

export type { Envelope, ApiError, ErrorCode } from './errors';
