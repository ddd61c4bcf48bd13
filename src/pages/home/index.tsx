import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import StateView from '../../components/state-view';
import Screen from '../../components/screen';
import { useMember } from '../../hooks/useMember';
import EventsCard from '../../components/home/events-card';
import QuizHomeCard from '../../components/home/quiz-card';
import ClassesHomeCard from '../../components/home/classes-card';
import MagazineCard from '../../components/home/magazine-card';
import OrgAsk from '../../components/home/org-ask';
import { NOTICE_SEEN_KEY } from '../../hooks/useMember';
import './index.css';

/** 首页: a welcome, the 所在单位 question on first use, then one live card per feature (each card lives in components/home/). */
export default function HomePage() {
  const { member, error, loading, reload } = useMember();
  // Asked once the privacy notice has had its turn (agreed or not), and only while no organisation is set.
  const askOrg = !!member && !member.org && !!Taro.getStorageSync(NOTICE_SEEN_KEY);

  return (
    <Screen className="page home">
      <StateView loading={loading && !member} error={member ? undefined : error} onRetry={reload}>
        <View className="home__welcome">
          <Text className="home__hello">{member ? `${member.nickname}，您好！` : '您好！'}</Text>
          <Text className="home__org">{member?.org ? member.org.name : '欢迎来到会员之家'}</Text>
        </View>
        {member && (
          <>
            {askOrg && <OrgAsk onSaved={reload} />}
            <EventsCard />
            <QuizHomeCard />
            <ClassesHomeCard />
            <MagazineCard />
          </>
        )}
      </StateView>
    </Screen>
  );
}
