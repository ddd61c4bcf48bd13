import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import StateView from '../../components/state-view';
import { useAction } from '../../hooks/useAction';
import Screen from '../../components/screen';

const SECTIONS = [
  { key: 'quiz', title: '知识竞赛与题库', desc: '发布竞赛、导入题库、查看成绩统计并导出 Excel', url: '/packages/admin/quiz/index' },
  { key: 'classes', title: '家长课堂', desc: '发布课堂、报名名单与候补、签到与出勤率、导出', url: '/packages/admin/classes/index' },
  { key: 'events', title: '活动通知与签到', desc: '发布活动、现场签到大屏、签到统计与导出', url: '/packages/admin/events/index' },
  { key: 'magazine', title: '《人生》会刊', desc: '新建、编辑各期会刊与文章，定时发布', url: '/packages/admin/magazine/index' },
];

/**
 * 协会管理: the admin's way into each feature; every screen acts only inside the admin's own subtree.
 * Only admins get here from 我的; anyone else who opens the address is told so (the server refuses them anyway).
 */
export default function AdminEntryPage() {
  const me = useAction('member.me', {});
  const orgs = me.data?.adminOrgs ?? [];
  return (
    <Screen className="page">
      <StateView loading={me.loading && !me.data} error={me.data ? undefined : me.error} onRetry={me.reload}>
        {me.data && orgs.length === 0 ? (
          <View className="card admin-entry--refused">
            <Text className="card-title">协会管理</Text>
            <Text className="muted">此功能仅对协会管理员开放。如需开通，请联系所在协会。</Text>
          </View>
        ) : (
          <>
            <View className="card">
              <Text className="card-title">协会管理</Text>
              <Text className="muted">{`您管理：${orgs.map((o) => o.name).join('、')}。本单位及下级单位的管理员在这里发布内容、查看参与情况。`}</Text>
            </View>
            {SECTIONS.map((s) => (
              <View key={s.key} className={`card admin-entry admin-entry--${s.key}`} onClick={() => Taro.navigateTo({ url: s.url })}>
                <Text className="card-title">{s.title} ›</Text>
                <Text className="muted">{s.desc}</Text>
              </View>
            ))}
          </>
        )}
      </StateView>
    </Screen>
  );
}
