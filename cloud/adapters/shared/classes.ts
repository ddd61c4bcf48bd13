import type { ClassInput, ClassPatch } from '../../features/classes/repo';

// The `classes` table has the same columns on every engine: how a class is written is said once, here.

/** Columns a class patch may set, with how each value is stored. */
const CLASS_PATCH_COLUMNS: Record<keyof ClassPatch, [string, (v: any) => unknown]> = {
  title: ['title', (v) => v],
  topic: ['topic', (v) => v],
  teacher: ['teacher', (v) => v],
  description: ['description', (v) => v],
  venue: ['venue_json', (v) => (v ? JSON.stringify(v) : null)],
  onlineUrl: ['online_url', (v) => v],
  startsAt: ['starts_at', (v) => v],
  endsAt: ['ends_at', (v) => v],
  regOpensAt: ['reg_opens_at', (v) => v],
  regClosesAt: ['reg_closes_at', (v) => v],
  capacity: ['capacity', (v) => v],
  ageMin: ['age_min', (v) => v],
  ageMax: ['age_max', (v) => v],
  fields: ['fields_json', (v) => JSON.stringify(v)],
  cancelHours: ['cancel_hours', (v) => v],
  waitlistOpen: ['waitlist_open', (v) => (v ? 1 : 0)],
};

/** A patch as `col = ?` assignments and their values, in one order (keys the patch leaves out are skipped). */
export function classPatchSets(patch: ClassPatch): { sets: string[]; values: unknown[] } {
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const [k, v] of Object.entries(patch) as [keyof ClassPatch, unknown][]) {
    if (v === undefined || !CLASS_PATCH_COLUMNS[k]) continue;
    sets.push(`${CLASS_PATCH_COLUMNS[k][0]} = ?`);
    values.push(CLASS_PATCH_COLUMNS[k][1](v));
  }
  return { sets, values };
}

/** INSERT of a new class; its values come from classInsertValues in the same order. */
export const INSERT_CLASS_SQL = `INSERT INTO classes (org_id, title, topic, teacher, description, venue_json, online_url, starts_at, ends_at, reg_opens_at,
  reg_closes_at, capacity, age_min, age_max, fields_json, cancel_hours, waitlist_open, created_by, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export function classInsertValues(c: ClassInput, createdBy: number, at: Date): unknown[] {
  const iso = at.toISOString();
  const venue = c.venue ? JSON.stringify(c.venue) : null;
  return [
    c.orgId,
    c.title,
    c.topic,
    c.teacher,
    c.description,
    venue,
    c.onlineUrl,
    c.startsAt,
    c.endsAt,
    c.regOpensAt,
    c.regClosesAt,
    c.capacity,
    c.ageMin,
    c.ageMax,
    JSON.stringify(c.fields),
    c.cancelHours,
    c.waitlistOpen ? 1 : 0,
    createdBy,
    iso,
    iso,
  ];
}
