import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';

const COMING = ['发布家长课堂，查看报名名单与签到', '发布活动通知，现场签到大屏', '发布《人生》会刊'];

export default function AdminEntryPage() {
  return (
    <View className='page'>
      <View className='card'>
        <Text className='card-title'>协会管理</Text>
        <Text className='muted'>本单位及下级单位的管理员在这里发布内容、查看参与情况。</Text>
      </View>
      <View className='card admin-entry admin-entry--quiz' onClick={() => Taro.navigateTo({ url: '/packages/admin/quiz/index' })}>
        <Text className='card-title'>知识竞赛与题库 ›</Text>
        <Text className='muted'>发布竞赛、导入题库、查看成绩统计并导出 Excel</Text>
      </View>
      <View className='card'>
        <Text className='card-title'>即将上线</Text>
        {COMING.map((c) => (
          <View key={c} style={{ padding: '12px 0', borderTop: '1px solid #f0f0f0' }}>
            <Text>· {c}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
