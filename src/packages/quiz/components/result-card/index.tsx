import { View, Text } from '@tarojs/components';
import { formatDuration } from '@contracts/quiz-rules';
import type { ResultFigures } from '../poster-draw';
import './index.css';

export interface ResultCardProps extends ResultFigures {
  /** The poster button's words: 保存海报 on H5, 保存 / 分享海报 in WeChat. */
  posterLabel?: string;
  onLeaderboard?: () => void;
  onPoster?: () => void;
}

/** The result of an attempt: score, pass / fail, correct count, time and rank, and the poster / leaderboard buttons. Presentational. */
export default function ResultCard(p: ResultCardProps) {
  return (
    <View className="rcard">
      <Text className="rcard__title">{p.title}</Text>
      <Text className="rcard__score" aria-label="得分">
        {p.score}
      </Text>
      <Text className={`rcard__pass ${p.passed ? 'rcard__pass--ok' : 'rcard__pass--bad'}`}>{`${p.passed ? '及格' : '未及格'}（${p.passMark} 分及格）`}</Text>
      <View className="rcard__facts">
        <View className="rcard__fact">
          <Text className="rcard__value rcard__correct">{`${p.correctCount}/${p.total}`}</Text>
          <Text className="rcard__label">答对</Text>
        </View>
        <View className="rcard__fact">
          <Text className="rcard__value rcard__time">{formatDuration(p.durationMs)}</Text>
          <Text className="rcard__label">用时</Text>
        </View>
        <View className="rcard__fact">
          <Text className="rcard__value rcard__rank">{p.rank ? `第 ${p.rank} 名` : '—'}</Text>
          <Text className="rcard__label">{`共 ${p.participants} 人`}</Text>
        </View>
      </View>
      <View className="rcard__actions">
        <View className="rcard__btn rcard__btn--plain rcard__leaderboard" onClick={() => p.onLeaderboard?.()}>
          <Text>排行榜</Text>
        </View>
        <View className="rcard__btn rcard__btn--primary rcard__poster" onClick={() => p.onPoster?.()}>
          <Text>{p.posterLabel ?? '保存 / 分享海报'}</Text>
        </View>
      </View>
    </View>
  );
}
