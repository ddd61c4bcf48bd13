import FeatureIntro from '../../components/feature-intro';

export default function ClassesEntryPage() {
  return (
    <FeatureIntro
      title='家长课堂'
      lead='科学养育、婴幼儿早期发展、亲子沟通之道——在向日葵亲子小屋等地参加家长课堂。'
      coming={[
        '按单位、主题、日期浏览课堂，显示剩余名额',
        '在线报名，满员自动候补，有人取消时按顺序递补',
        '我的报名与入场二维码',
        '开课前 24 小时和 1 小时提醒',
        '到场签到获得积分',
      ]}
    />
  );
}
