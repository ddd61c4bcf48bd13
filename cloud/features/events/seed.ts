import type { Seeder } from '../context';
import type { EventInput } from './repo';

type SeedEvent = Omit<EventInput, 'published' | 'cover' | 'checkinOpensAt' | 'checkinClosesAt'> & {
  checkinOpensAt?: string;
  checkinClosesAt?: string;
};

/** Sample notices and events: the 2027 and 2026 5·29 at 自治区 level, a few 盟市 and 村 events, a notice. */
export const eventSeeder: Seeder = {
  name: 'events',
  async run(store, seeds, now) {
    if (!seeds.exists('events/events.json')) return;
    for (const e of seeds.readJson<SeedEvent[]>('events/events.json')) {
      await store.events.create(
        {
          ...e,
          cover: null,
          published: true,
          checkinOpensAt: e.checkinOpensAt ?? new Date(Date.parse(e.startsAt) - 3600_000).toISOString(),
          checkinClosesAt: e.checkinClosesAt ?? e.endsAt,
        },
        null,
        now,
      );
    }
  },
};
