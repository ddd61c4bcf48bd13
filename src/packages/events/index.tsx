import FeatureIntro from '../../components/feature-intro';

export default function EventsEntryPage() {
  return (
    <FeatureIntro
      title='活动通知'
      lead='各级计生协发布的 5·29 会员活动日、7·11 世界人口日等活动与通知。'
      coming={[
        '本单位及上级单位的活动与通知',
        '活动详情、地图与“我要参加”',
        '现场扫码或输入 6 位签到码签到，无网络时也能先扫码',
        '我的签到记录与积分',
      ]}
    />
  );
}
