import Taro from '@tarojs/taro';
import { View, Text, Button } from '@tarojs/components';
import { classTime } from '@contracts/classes-format';
import StateView from '../../../components/state-view';
import { useAction } from '../../../hooks/useAction';
import '../../classes/classes.css';
import Screen from '../../../components/screen';

/** 家长课堂管理: the classes of my organisation and below, their fill rate as bars, publish a new one. */
export default function AdminClassesPage() {
  const stats = useAction('class.admin.stats', {});
  const rows = [...(stats.data?.rows ?? [])].sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  return (
    <Screen className="page admin-classes">
      <Button className="btn-primary" onClick={() => Taro.navigateTo({ url: '/packages/admin/classes/edit' })}>
        发布新课堂
      </Button>
      <StateView loading={stats.loading && !stats.data} error={stats.error} onRetry={stats.reload} empty={rows.length === 0} emptyText="还没有发布课堂">
        <View className="card">
          <Text className="card-title">报名率</Text>
          {rows.map((r) => (
            <View key={r.classId} className="bar-row" aria-label={`${r.title} 报名率 ${Math.round(r.fillRate * 100)}%`}>
              <Text className="bar-label">
                {r.title} · {r.confirmed}/{r.capacity}（{Math.round(r.fillRate * 100)}%）{r.waitlisted ? ` 候补 ${r.waitlisted}` : ''}
              </Text>
              <View className="bar-track">
                <View className="bar-fill" style={{ width: `${Math.min(100, Math.round(r.fillRate * 100))}%` }} />
              </View>
            </View>
          ))}
        </View>
        {rows.map((r) => (
          <View key={r.classId} className="card admin-class-item">
            <Text className="card-title">{r.title}</Text>
            <Text className="detail-row">
              {classTime(r.startsAt)} · {r.orgName}
            </Text>
            <Text className="detail-row">
              已确认 {r.confirmed}/{r.capacity} · 候补 {r.waitlisted} · 签到 {r.attended}（出勤率 {Math.round(r.attendanceRate * 100)}%）
            </Text>
            <View className="admin-class-actions">
              <Button className="btn-plain" onClick={() => Taro.navigateTo({ url: `/packages/admin/classes/roster?id=${r.classId}` })}>
                名单与签到
              </Button>
              <Button className="btn-plain" onClick={() => Taro.navigateTo({ url: `/packages/admin/classes/edit?id=${r.classId}` })}>
                编辑
              </Button>
            </View>
          </View>
        ))}
      </StateView>
    </Screen>
  );
}
