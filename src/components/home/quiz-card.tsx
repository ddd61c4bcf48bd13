import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useAction } from '../../hooks/useAction';
import CoverImage from '../cover-image';

/** 首页: the first open quiz campaign, or the plain entry when none is open. */
export default function QuizHomeCard() {
  const { data } = useAction('quiz.list', {});
  const open = data?.campaigns.find((c) => c.status === 'open' && c.eligible) ?? data?.campaigns.find((c) => c.status === 'open');
  return (
    <View className="card home__feature home__feature--quiz" onClick={() => Taro.navigateTo({ url: '/packages/quiz/index' })}>
      <Text className="card-title">知识竞赛</Text>
      {open ? (
        <View>
          <CoverImage src={open.cover} ratio={2.5} placeholder={false} className="home__quiz-cover" />
          <Text className="muted" style={{ display: 'block' }}>{`正在进行：${open.title}`}</Text>
          <Text className="hint">
            {open.myBestScore === null
              ? `${open.questionCount} 题 · 答题赢积分`
              : `我的最好成绩 ${open.myBestScore} 分 · 今天还可答 ${open.attemptsLeftToday} 次`}
          </Text>
          <View className="btn-primary" style={{ marginTop: '16px', textAlign: 'center' }}>
            <Text>去答题</Text>
          </View>
        </View>
      ) : (
        <Text className="muted">优生优育、新型婚育文化、家庭健康、青春健康，答题赢积分</Text>
      )}
    </View>
  );
}
