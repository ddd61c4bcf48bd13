import { View, Text } from '@tarojs/components';
import StateView from '../../components/state-view';
import { useMember } from '../../hooks/useMember';
import EventsCard from '../../components/home/events-card';
import QuizHomeCard from '../../components/home/quiz-card';
import ClassesHomeCard from '../../components/home/classes-card';
import MagazineCard from '../../components/home/magazine-card';
import './index.css';

/** 首页: a welcome, then one live card per feature (each card lives in components/home/). */
export default function HomePage() {
  const { member, error, loading, reload } = useMember();

  return (
    <View className='page home'>
      <StateView loading={loading && !member} error={member ? undefined : error} onRetry={reload}>
        <View className='home__welcome'>
          <Text className='home__hello'>{member ? `${member.nickname}，您好！` : '您好！'}</Text>
          <Text className='home__org'>{member?.org ? member.org.name : '欢迎来到会员之家'}</Text>
        </View>
        {member && (
          <>
            <EventsCard />
            <QuizHomeCard />
            <ClassesHomeCard />
            <MagazineCard />
          </>
        )}
      </StateView>
    </View>
  );
}
