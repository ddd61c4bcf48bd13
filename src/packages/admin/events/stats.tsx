import { useRouter } from '@tarojs/taro';
import { View, Text, Button } from '@tarojs/components';
import StateView from '../../../components/state-view';
import { useAction } from '../../../hooks/useAction';
import { call } from '../../../services/api';
import { saveFile } from '../files';
import DeliveryStatus from '../components/delivery-status';
import { toBjInput } from './time';
import './stats.css';
import Screen from '../../../components/screen';

/** 签到统计: check-ins over time and by organisation (bars are Views with % widths), the list, .xlsx export. */
export default function EventStatsPage() {
  const id = Number(useRouter().params.id);
  const s = useAction('event.admin.stats', { id });
  const d = s.data;
  const maxT = Math.max(1, ...(d?.overTime.map((b) => b.count) ?? [1]));
  const maxO = Math.max(1, ...(d?.byOrg.map((b) => b.count) ?? [1]));

  const exportXlsx = async () => {
    const x = await call('event.admin.export', { id }, { loading: '正在生成' });
    await saveFile({ fileName: x.fileName, content: x.base64 });
  };

  return (
    <Screen className="page stats">
      <StateView loading={s.loading && !d} error={d ? undefined : s.error} onRetry={s.reload}>
        {d && (
          <View>
            <View className="card">
              <Text className="card-title">{d.title}</Text>
              <View className="stats__nums">
                <Num label="有效签到" value={d.total} />
                <Num label="离线签到" value={d.offline} />
                <Num label="已作废" value={d.voided} />
                <Num label="我要参加" value={d.intentCount} />
              </View>
              <Button className="btn-primary" style={{ marginTop: '16px' }} onClick={exportXlsx}>
                导出 Excel（.xlsx）
              </Button>
            </View>
            <DeliveryStatus subject={{ eventId: id }} />
            <View className="card">
              <Text className="card-title">签到人数随时间</Text>
              {d.overTime.map((b) => (
                <View key={b.at} className="stats__bar-row">
                  <Text className="stats__bar-label">{b.label}</Text>
                  <View className="stats__bar-track">
                    <View className="stats__bar" style={{ width: `${(b.count / maxT) * 100}%` }} />
                  </View>
                  <Text className="stats__bar-value">{b.count}</Text>
                </View>
              ))}
            </View>
            <View className="card">
              <Text className="card-title">按单位</Text>
              {d.byOrg.length === 0 && <Text className="hint">还没有签到</Text>}
              {d.byOrg.map((o) => (
                <View key={o.orgId ?? 'none'} className="stats__bar-row">
                  <Text className="stats__org-label">{o.name}</Text>
                  <View className="stats__bar-track">
                    <View className="stats__bar stats__bar--org" style={{ width: `${(o.count / maxO) * 100}%` }} />
                  </View>
                  <Text className="stats__bar-value">{o.count}</Text>
                </View>
              ))}
            </View>
            <View className="card">
              <Text className="card-title">签到名单（{d.list.length}）</Text>
              {d.list.slice(0, 300).map((r) => (
                <View key={r.id} className={`stats__row ${r.voided ? 'stats__row--void' : ''}`}>
                  <View className="row">
                    <Text>{r.name}</Text>
                    <Text className="hint">{r.phoneMasked ?? '—'}</Text>
                  </View>
                  <View className="row">
                    <Text className="hint">{r.org ?? '未选择单位'}</Text>
                    <Text className="hint">
                      {toBjInput(r.checkedInAt).slice(5)}
                      {r.offline ? ' · 离线签到' : ''}
                      {r.voided ? ' · 已作废' : ''}
                    </Text>
                  </View>
                </View>
              ))}
              {d.list.length > 300 && <Text className="hint">仅显示前 300 条，完整名单请导出 Excel。</Text>}
            </View>
          </View>
        )}
      </StateView>
    </Screen>
  );
}

function Num({ label, value }: { label: string; value: number }) {
  return (
    <View className="stats__num">
      <Text className="stats__num-value">{value}</Text>
      <Text className="hint">{label}</Text>
    </View>
  );
}
