import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import StateView from '../../components/state-view';
import { useMember } from '../../hooks/useMember';
import { daysUntilMemberDay } from '../../utils/memberDay';
import MagazineCard from '../../components/home/magazine-card';
import './index.css';

interface FeatureCard {
  key: string;
  title: string;
  desc: string;
  url: string;
}

/** Cards for each feature; the feature issues replace the descriptions with live content. */
const FEATURES: FeatureCard[] = [
  { key: 'quiz', title: '知识竞赛', desc: '优生优育、新型婚育文化、家庭健康、青春健康，答题赢积分', url: '/packages/quiz/index' },
  { key: 'classes', title: '家长课堂', desc: '科学养育、亲子沟通，就近报名向日葵亲子小屋课堂', url: '/packages/classes/index' },
  { key: 'events', title: '活动通知', desc: '各级计生协的活动与通知，现场扫码签到', url: '/packages/events/index' },
];

export default function HomePage() {
  const { member, error, loading, reload } = useMember();
  const memberDay = daysUntilMemberDay();

  return (
    <View className='page home'>
      <StateView loading={loading && !member} error={member ? undefined : error} onRetry={reload}>
        <View className='home__welcome'>
          <Text className='home__hello'>{member ? `${member.nickname}，您好！` : '您好！'}</Text>
          <Text className='home__org'>{member?.org ? member.org.name : '欢迎来到会员之家'}</Text>
        </View>
        <View className='card home__countdown' onClick={() => Taro.navigateTo({ url: '/packages/events/index' })}>
          <Text className='home__countdown-label'>距 5·29 会员活动日</Text>
          <Text className='home__countdown-days'>
            {memberDay.days === 0 ? '就是今天！' : `还有 ${memberDay.days} 天`}
          </Text>
          <Text className='hint'>{memberDay.date.format('YYYY年M月D日')}</Text>
        </View>
        {FEATURES.map((f) => (
          <View key={f.key} className={`card home__feature home__feature--${f.key}`} onClick={() => Taro.navigateTo({ url: f.url })}>
            <Text className='card-title'>{f.title}</Text>
            <Text className='muted'>{f.desc}</Text>
          </View>
        ))}
        <MagazineCard />
      </StateView>
    </View>
  );
}
