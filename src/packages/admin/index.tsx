import FeatureIntro from '../../components/feature-intro';

export default function AdminEntryPage() {
  return (
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
  );
}
