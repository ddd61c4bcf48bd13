import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import FeatureIntro from '../../components/feature-intro';

export default function AdminEntryPage() {
  return (
    <View>
    <View className='card' style={{ margin: '24px 28px 0' }} onClick={() => Taro.navigateTo({ url: '/packages/admin/magazine/index' })}>
      <Text className='link'>《人生》会刊：期刊与发布时间 ›</Text>
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
