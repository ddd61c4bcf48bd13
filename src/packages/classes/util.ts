import type { ClassSummary } from '@contracts/classes';
import type { ClassCardData } from './components/class-card';

export function cardData(c: ClassSummary): ClassCardData {
  return {
    id: c.id,
    title: c.title,
    topic: c.topic,
    teacher: c.teacher,
    orgName: c.org.name,
    place: c.venue ? c.venue.name : '线上课堂',
    startsAt: c.startsAt,
    capacity: c.capacity,
    confirmedCount: c.confirmedCount,
    waitlistCount: c.waitlistCount,
    waitlistOpen: c.waitlistOpen,
    registration: c.registration,
    myStatus: c.myStatus,
  };
}
