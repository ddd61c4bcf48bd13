import { sheetsBase64 } from '../../core/excel';
import type { EventStats } from '../../contracts/events';
import type { CheckinListRow, EventRow } from './repo';
import { maskName, maskPhone } from '../../contracts/format';
import type { CheckinRow } from '../../contracts/events';
import { chinaFormat } from '../../contracts/china-time';

export function displayName(r: Pick<CheckinListRow, 'realName' | 'nickname' | 'memberId'>): string {
  if (r.memberId === null) return '已注销用户';
  // One rule whether or not the member gave a real name: the first character, then stars (the 签到大屏 is public).
  return maskName(r.realName || r.nickname) ?? '会员';
}
export const checkinRow = (r: CheckinListRow): CheckinRow => ({
  id: r.id,
  name: displayName(r),
  phoneMasked: maskPhone(r.phone),
  org: r.orgName,
  checkedInAt: r.checkedInAt,
  scannedAt: r.scannedAt,
  offline: r.offline,
  voided: r.voided,
});

const bjLabel = (ms: number, withDay: boolean): string => chinaFormat(ms, withDay ? 'M/D HH:mm' : 'HH:mm');

/** Check-ins over time (at most 24 buckets of whole 10-minute steps), by organisation, and the list. */
export function buildStats(e: EventRow, rows: CheckinListRow[], now: Date): EventStats {
  const valid = rows.filter((r) => !r.voided);
  const start = Date.parse(e.checkinOpensAt);
  const end = Math.max(start + 1, Math.min(Date.parse(e.checkinClosesAt), Math.max(now.getTime(), ...valid.map((r) => Date.parse(r.checkedInAt)))));
  const step = Math.max(1, Math.ceil((end - start) / 24 / 600_000)) * 600_000;
  const n = Math.max(1, Math.ceil((end - start) / step));
  const withDay = end - start > 20 * 3600_000;
  const buckets = Array.from({ length: n }, (_, i) => ({ label: bjLabel(start + i * step, withDay), at: new Date(start + i * step).toISOString(), count: 0 }));
  for (const r of valid) {
    const t = Date.parse(r.scannedAt && r.offline ? r.scannedAt : r.checkedInAt);
    const i = Math.min(n - 1, Math.max(0, Math.floor((t - start) / step)));
    buckets[i].count++;
  }
  const byOrg = new Map<string, { orgId: string | null; name: string; count: number }>();
  for (const r of valid) {
    const k = r.orgId ?? '';
    const o = byOrg.get(k) ?? { orgId: r.orgId, name: r.orgName ?? '未选择单位', count: 0 };
    o.count++;
    byOrg.set(k, o);
  }
  return {
    eventId: e.id,
    title: e.title,
    total: valid.length,
    voided: rows.length - valid.length,
    offline: valid.filter((r) => r.offline).length,
    intentCount: e.intentCount,
    overTime: buckets,
    byOrg: [...byOrg.values()].sort((a, b) => b.count - a.count),
    list: rows.map(checkinRow),
  };
}

/** The organiser's .xlsx (签到名单 and the breakdowns), as base64. */
export function exportWorkbook(e: EventRow, stats: EventStats): Promise<string> {
  return sheetsBase64([
    {
      name: '签到名单',
      columns: [
        { header: '序号', width: 8 },
        { header: '姓名', width: 14 },
        { header: '手机号（打码）', width: 16 },
        { header: '单位', width: 24 },
        { header: '签到时间', width: 20 },
        { header: '方式', width: 10 },
        { header: '扫码时间', width: 20 },
        { header: '状态', width: 10 },
      ],
      rows: stats.list.map((r, i) => [
        i + 1,
        r.name,
        r.phoneMasked,
        r.org,
        bjLabel(Date.parse(r.checkedInAt), true),
        r.offline ? '离线签到' : '现场签到',
        r.scannedAt ? bjLabel(Date.parse(r.scannedAt), true) : null,
        r.voided ? '已作废' : '有效',
      ]),
    },
    {
      name: '按单位',
      columns: [
        { header: '单位', width: 28 },
        { header: '签到人数', width: 12 },
      ],
      rows: stats.byOrg.map((o) => [o.name, o.count]),
    },
    {
      name: '活动',
      rows: [
        ['活动', e.title],
        ['主办单位', e.orgName],
        ['有效签到', stats.total],
        ['其中离线签到', stats.offline],
        ['已作废', stats.voided],
        ['报名参加（我要参加）', stats.intentCount],
      ],
    },
  ]);
}
