import type { Store } from '../store';
import type { DueReminder } from './repo';
import { reminderNotice } from './rules';

export interface ReminderNotice {
  memberId: number;
  classId: number;
  title: string;
  body: string;
  reminder: DueReminder;
}

/** Delivers one notice. Locally: an in-app message and a log line; a WeChat subscribe-message sender plugs in here later. */
export type ReminderSender = (store: Store, notice: ReminderNotice, at: Date) => Promise<void>;

export function localSender(log: (line: string) => void = (l) => console.info(l)): ReminderSender {
  return async (store, n, at) => {
    await store.classes.addMessage({ memberId: n.memberId, kind: 'reminder', title: n.title, body: n.body, classId: n.classId, createdAt: at.toISOString() });
    log(`[classes] reminder ${n.reminder.kind} -> member ${n.memberId}: ${n.title}`);
  };
}

/**
 * Sends every reminder that is due at `now` (REMINDER_SCHEDULE, for registrations still confirmed),
 * each exactly once: a reminder is claimed before it is sent, so overlapping runs never send twice.
 * Returns how many were sent. The HTTP host calls this on a timer; tests call it with a moved clock.
 */
export async function deliverDueReminders(store: Store, now: Date, sender: ReminderSender = localSender()): Promise<number> {
  let sent = 0;
  for (;;) {
    const due = await store.classes.dueReminders(now, 200);
    if (due.length === 0) break;
    for (const r of due) {
      if (!(await store.classes.claimReminder(r.id, now))) continue;
      const { title, body, outbox } = reminderNotice(r);
      await store.classes.addOutbox(r.memberId, outbox.template, outbox.payload, now);
      await sender(store, { memberId: r.memberId, classId: r.classId, reminder: r, title, body }, now);
      sent++;
    }
  }
  return sent;
}

/** Runs deliverDueReminders every intervalMs on an unref'd timer (it never keeps the process alive). Returns stop(). */
export function startReminderScheduler(store: Store, opts: { intervalMs?: number; sender?: ReminderSender; now?: () => Date } = {}): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    deliverDueReminders(store, (opts.now ?? (() => new Date()))(), opts.sender)
      .catch((e) => console.error('[classes] reminder delivery failed:', e))
      .finally(() => {
        running = false;
      });
  }, opts.intervalMs ?? 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
