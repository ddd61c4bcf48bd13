import { useEffect } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { campaignIdOfScene } from '@contracts/notify-format';
import { View, Text } from '@tarojs/components';
import StateView from '../../components/state-view';
import CoverImage from '../../components/cover-image';
import { useAction } from '../../hooks/useAction';
import type { CampaignCard, CampaignStatus } from '@contracts/quiz';
import FixButton from '../../components/fix-button';
import './index.css';
import Screen from '../../components/screen';
import { chinaDateWords } from '@contracts/china-time';

const STATUS: Record<CampaignStatus, string> = { open: '进行中', upcoming: '即将开始', ended: '已结束' };
const day = (iso: string) => chinaDateWords(iso);

function Campaign({ c }: { c: CampaignCard }) {
  const go = (url: string) => Taro.navigateTo({ url });
  return (
    <View className="card quiz-campaign">
      <CoverImage src={c.cover} ratio={2} placeholder={false} className="quiz-campaign__cover" />
      <View className="row">
        <Text className="badge">{STATUS[c.status]}</Text>
        <Text className="hint">{c.orgName}</Text>
      </View>
      <Text className="card-title quiz-campaign__title">{c.title}</Text>
      <Text className="muted">{c.description}</Text>
      <Text className="hint quiz-campaign__meta">
        {`${day(c.opensAt)} 至 ${day(c.closesAt)} · ${c.questionCount} 题 · 限时 ${Math.round(c.timeLimitSec / 60)} 分钟 · ${c.passMark} 分及格`}
      </Text>
      <View className="quiz-campaign__stats">
        <Text>{`我的最好成绩：${c.myBestScore === null ? '未参加' : `${c.myBestScore} 分`}`}</Text>
        {c.status !== 'ended' && <Text>{`剩余次数：今天 ${c.attemptsLeftToday} 次，共 ${c.attemptsLeft} 次`}</Text>}
      </View>
      {!c.eligible && (
        <View className="quiz-campaign__fix">
          <Text className="field-error">请先选择您所在的单位，再参加竞赛</Text>
          <FixButton error={{ code: 'QUIZ_NOT_ELIGIBLE' }} />
        </View>
      )}
      <View className="quiz-campaign__actions">
        {c.status === 'open' && c.eligible && (c.unfinishedAttemptId || c.attemptsLeftToday > 0) && (
          <View className="btn-primary quiz-btn" onClick={() => go(`/packages/quiz/answer?id=${c.id}`)}>
            <Text>{c.unfinishedAttemptId ? '继续答题' : '开始答题'}</Text>
          </View>
        )}
        {c.lastAttemptId && (
          <View className="btn-plain quiz-btn" onClick={() => go(`/packages/quiz/result?attemptId=${c.lastAttemptId}`)}>
            <Text>上次成绩</Text>
          </View>
        )}
        {c.status !== 'upcoming' && (
          <View className="btn-plain quiz-btn" onClick={() => go(`/packages/quiz/leaderboard?id=${c.id}`)}>
            <Text>排行榜</Text>
          </View>
        )}
      </View>
    </View>
  );
}

/** 知识竞赛; with ?mine=1 it is 我的成绩 (from 我的): only the campaigns I have taken part in. */
export default function QuizListPage() {
  const mine = useRouter().params.mine === '1';
  const { data, error, loading, reload } = useAction('quiz.list', {});
  // Opened from a poster: the 小程序码's `scene` ("c=<id>", URI-encoded by WeChat) or the H5 link's `c`: that campaign first.
  const params = useRouter().params;
  const shared = campaignIdOfScene(params.scene) ?? (Number(params.c) || null);
  const all = (data?.campaigns ?? []).filter((c) => !mine || c.myBestScore !== null || !!c.lastAttemptId);
  const campaigns = shared ? [...all.filter((c) => c.id === shared), ...all.filter((c) => c.id !== shared)] : all;
  useEffect(() => {
    if (mine) Taro.setNavigationBarTitle({ title: '我的成绩' }).catch(() => undefined);
  }, [mine]);
  return (
    <Screen className="page quiz-list" title={mine ? '我的成绩' : undefined}>
      <StateView
        loading={loading && !data}
        error={data ? undefined : error}
        empty={!!data && campaigns.length === 0}
        emptyText={mine ? '还没有参加过知识竞赛' : '暂时没有知识竞赛'}
        onRetry={reload}
      >
        {campaigns.map((c) => (
          <Campaign key={c.id} c={c} />
        ))}
        <Text className="hint">参加竞赛得 5 积分，及格再得 10 积分（每场竞赛各一次）。</Text>
      </StateView>
    </Screen>
  );
}
