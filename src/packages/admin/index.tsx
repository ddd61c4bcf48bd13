import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';

const SECTIONS = [
  { key: 'quiz', title: '知识竞赛与题库', desc: '发布竞赛、导入题库、查看成绩统计并导出 Excel', url: '/packages/admin/quiz/index' },
  { key: 'classes', title: '家长课堂', desc: '发布课堂、报名名单与候补、签到与出勤率、导出', url: '/packages/admin/classes/index' },
  { key: 'events', title: '活动通知与签到', desc: '发布活动、现场签到大屏、签到统计与导出', url: '/packages/admin/events/index' },
  { key: 'magazine', title: '《人生》会刊', desc: '新建、编辑各期会刊与文章，定时发布', url: '/packages/admin/magazine/index' },
];

/** 协会管理: the admin's way into each feature; every screen acts only inside the admin's own subtree. */
export default function AdminEntryPage() {
  return (
    <View className='page'>
      <View className='card'>
        <Text className='card-title'>协会管理</Text>
        <Text className='muted'>本单位及下级单位的管理员在这里发布内容、查看参与情况。</Text>
      </View>
      {SECTIONS.map((s) => (
        <View key={s.key} className={`card admin-entry admin-entry--${s.key}`} onClick={() => Taro.navigateTo({ url: s.url })}>
          <Text className='card-title'>{s.title} ›</Text>
          <Text className='muted'>{s.desc}</Text>
        </View>
      ))}
    </View>
  );
}
