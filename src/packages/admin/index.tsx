import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import FeatureIntro from '../../components/feature-intro';

export default function AdminEntryPage() {
  return (
    <View>
      <View className='card' style={{ margin: '24px 24px 0' }} onClick={() => Taro.navigateTo({ url: '/packages/admin/classes/index' })}>
        <Text className='card-title'>家长课堂管理 ›</Text>
      </View>
    <FeatureIntro
      title='协会管理'
      lead='本单位及下级单位的管理员在这里发布内容、查看参与情况。'
      coming={[
        '发布与管理知识竞赛、题库导入',
        '发布家长课堂，查看报名名单与签到',
        '发布活动通知，现场签到大屏',
        '发布《人生》会刊',
        '数据统计图表与 Excel 导出',
      ]}
    />
    </View>
  );
}
