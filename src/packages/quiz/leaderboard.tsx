import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import StateView from '../../components/state-view';
import { useAction } from '../../hooks/useAction';
import { formatDuration } from '@contracts/quiz-rules';
import type { LeaderboardRow, LeaderboardScope } from '@contracts/quiz';
import './index.css';
import Screen from '../../components/screen';

type Tab = LeaderboardScope | 'org2' | 'org3';
const TABS: [Tab, string][] = [
  ['all', '全部'],
  ['city', '本盟市'],
  ['county', '本旗县'],
  ['org2', '盟市排行'],
  ['org3', '旗县排行'],
];

function Row({ r }: { r: LeaderboardRow }) {
  return (
    <View className={`quiz-rank-row${r.isMe ? ' quiz-rank-row--me' : ''}`}>
      <Text className="quiz-rank-row__rank">{r.rank}</Text>
      <View className="quiz-rank-row__name">
        <Text>{r.isMe ? `${r.nickname}（我）` : r.nickname}</Text>
        {r.orgName && <Text className="hint">{r.orgName}</Text>}
      </View>
      <View className="quiz-rank-row__score">
        <Text>{`${r.score} 分`}</Text>
        <Text className="hint quiz-hint-block">{formatDuration(r.durationMs)}</Text>
      </View>
    </View>
  );
}

function People({ campaignId, scope }: { campaignId: number; scope: LeaderboardScope }) {
  const { data, error, loading, reload } = useAction('quiz.leaderboard', { campaignId, scope });
  return (
    <StateView loading={loading && !data} error={data ? undefined : error} empty={!!data && data.top.length === 0} emptyText="还没有人交卷" onRetry={reload}>
      {data && (
        <View className="card">
          <Text className="muted">{`${data.scopeName} · ${data.participants} 人参加`}</Text>
          {data.me && (
            <View className="quiz-me">
              <Text className="card-title quiz-me__title">{`我的排名：第 ${data.me.rank} 名`}</Text>
            </View>
          )}
          {data.top.map((r) => (
            <Row key={r.rank} r={r} />
          ))}
          {data.me && !data.top.some((r) => r.isMe) && (
            <View>
              <Text className="hint">……</Text>
              <Row r={data.me} />
            </View>
          )}
        </View>
      )}
    </StateView>
  );
}

function Orgs({ campaignId, level }: { campaignId: number; level: 2 | 3 }) {
  const { data, error, loading, reload } = useAction('quiz.orgRanking', { campaignId, level });
  const max = Math.max(1, ...(data?.rows.map((r) => r.averageScore) ?? [1]));
  return (
    <StateView loading={loading && !data} error={data ? undefined : error} empty={!!data && data.rows.length === 0} emptyText="还没有单位参加" onRetry={reload}>
      <View className="card">
        {data?.rows.map((r, i) => (
          <View key={r.orgId} className="quiz-rank-row" style={{ flexDirection: 'column', alignItems: 'stretch' }}>
            <View className="row">
              <Text>{`${i + 1}. ${r.orgName}`}</Text>
              <Text>{`平均 ${r.averageScore} 分`}</Text>
            </View>
            <Text className="hint">
              {`${r.participants} 人参加${r.participationRate !== null ? ` · 参与率 ${r.participationRate < 0.0001 ? '不足 0.01' : (r.participationRate * 100).toFixed(2)}%` : ''}`}
            </Text>
            <View className="quiz-bar" style={{ width: `${(r.averageScore / max) * 100}%` }} />
          </View>
        ))}
      </View>
    </StateView>
  );
}

export default function QuizLeaderboardPage() {
  const campaignId = Number(useRouter().params.id);
  const [tab, setTab] = useState<Tab>('all');
  return (
    <Screen className="page quiz-leaderboard">
      <View className="quiz-tabs">
        {TABS.map(([k, label]) => (
          <View key={k} className={`quiz-tab${tab === k ? ' quiz-tab--on' : ''}`} onClick={() => setTab(k)}>
            <Text>{label}</Text>
          </View>
        ))}
      </View>
      {tab === 'org2' || tab === 'org3' ? (
        <Orgs campaignId={campaignId} level={tab === 'org2' ? 2 : 3} />
      ) : (
        <People key={tab} campaignId={campaignId} scope={tab} />
      )}
    </Screen>
  );
}
