import type { PayloadOf } from '../../cloud/contracts';

const H = 3600_000;

/**
 * A class the 呼和浩特 admin may publish with `class.admin.publish`: three days from `now`, registration open, 30 seats,
 * a waitlist, no form fields. Tests name only what they are about.
 */
export function classPayload(now: number, overrides: Partial<PayloadOf<'class.admin.publish'>> = {}): PayloadOf<'class.admin.publish'> {
  return {
    orgId: '150100',
    title: '测试课堂',
    topic: '科学养育',
    teacher: '王老师',
    description: '',
    venue: { name: '向日葵亲子小屋', address: '', lat: null, lng: null },
    onlineUrl: null,
    startsAt: new Date(now + 72 * H).toISOString(),
    endsAt: new Date(now + 74 * H).toISOString(),
    regOpensAt: new Date(now - H).toISOString(),
    regClosesAt: new Date(now + 70 * H).toISOString(),
    capacity: 30,
    ageMin: null,
    ageMax: null,
    fields: [],
    cancelHours: 24,
    waitlistOpen: true,
    ...overrides,
  };
}
