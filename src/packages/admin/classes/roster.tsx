import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Input, Button } from '@tarojs/components';
import { REGISTRATION_STATUS_LABEL } from '@contracts/classes-format';
import StateView from '../../../components/state-view';
import { useAction } from '../../../hooks/useAction';
import { call, ApiCallError } from '../../../services/api';
import { saveFile } from '../files';
import DeliveryStatus from '../components/delivery-status';
import '../../classes/classes.css';
import Screen from '../../../components/screen';

/** Roster (confirmed / waitlisted / cancelled with answers), check-in by ticket code or by ticking a name, export .xlsx. */
export default function AdminRosterPage() {
  const id = Number(useRouter().params.id);
  const roster = useAction('class.admin.roster', { classId: id });
  const [code, setCode] = useState('');
  const [note, setNote] = useState('');
  const d = roster.data;

  const checkin = async (p: { code?: string; registrationId?: number; undo?: boolean }) => {
    setNote('');
    if (p.undo) {
      const ok = await Taro.showModal({
        title: '撤销签到',
        content: '撤销后，这次签到得到的积分会收回。确定撤销吗？',
        confirmText: '撤销',
        cancelText: '不撤销',
      });
      if (!ok.confirm) return;
    }
    try {
      const r = await call('class.admin.checkin', { classId: id, ...p }, { quiet: true });
      setNote(p.undo ? `已撤销 ${r.entry.name} 的签到，积分已收回` : r.alreadyCheckedIn ? `${r.entry.name} 已经签到过了` : `${r.entry.name} 签到成功`);
      setCode('');
      await roster.reload();
    } catch (e) {
      setNote((e as ApiCallError).message);
    }
  };

  const scan = async () => {
    try {
      const r = await Taro.scanCode({ onlyFromCamera: true });
      await checkin({ code: r.result.trim().toUpperCase() });
    } catch {
      /* cancelled */
    }
  };

  const exportXlsx = async () => {
    const r = await call('class.admin.export', { classId: id }, { loading: '正在导出' });
    await saveFile({ fileName: r.fileName, content: r.base64 });
  };

  const label = (k: string) => d?.fields.find((f) => f.id === k)?.label ?? k;
  return (
    <Screen className="page admin-roster">
      <StateView loading={roster.loading && !d} error={d ? undefined : roster.error} onRetry={roster.reload}>
        {d && (
          <View>
            <View className="card">
              <Text className="card-title">{d.class.title}</Text>
              <Text className="detail-row">
                已确认 {d.class.confirmedCount}/{d.class.capacity} · 候补 {d.class.waitlistCount} · 已签到 {d.attended}（出勤率{' '}
                {Math.round(d.attendanceRate * 100)}%）
              </Text>
              <View>
                <View className="field">
                  <Text className="field-label">入场码签到</Text>
                  <Input
                    className="field-input"
                    name="ticketCode"
                    value={code}
                    placeholder="输入 8 位入场码"
                    onInput={(e) => setCode(e.detail.value.toUpperCase())}
                  />
                </View>
                <View className="admin-class-actions">
                  <Button className="btn-primary" onClick={() => code.trim() && checkin({ code: code.trim() })}>
                    签到
                  </Button>
                  {process.env.TARO_ENV === 'weapp' && (
                    <Button className="btn-plain" onClick={scan}>
                      扫码签到
                    </Button>
                  )}
                  <Button className="btn-plain" onClick={exportXlsx}>
                    导出 Excel
                  </Button>
                </View>
              </View>
              {note && <Text className="hint">{note}</Text>}
            </View>
            <DeliveryStatus subject={{ classId: id }} />
            <View className="card">
              <Text className="card-title">报名名单（{d.entries.length}）</Text>
              {d.entries.map((e) => (
                <View key={e.id} className="roster-entry">
                  <View className="roster-info">
                    <Text className="roster-name">
                      {e.name} · {REGISTRATION_STATUS_LABEL[e.status]}
                      {e.position ? ` 第 ${e.position} 位` : ''}
                      {e.attendedAt ? ' · 已签到' : ''}
                    </Text>
                    <Text className="roster-sub">
                      {e.childAge !== null ? `孩子 ${e.childAge} 岁；` : ''}
                      {Object.entries(e.answers)
                        .map(([k, v]) => `${label(k)}：${v}`)
                        .join('；')}
                    </Text>
                  </View>
                  {e.status === 'confirmed' && (
                    <Button
                      className={`roster-btn ${e.attendedAt ? 'btn-plain' : 'btn-primary'}`}
                      onClick={() => checkin({ registrationId: e.id, undo: !!e.attendedAt })}
                    >
                      {e.attendedAt ? '撤销' : '签到'}
                    </Button>
                  )}
                </View>
              ))}
            </View>
          </View>
        )}
      </StateView>
    </Screen>
  );
}
