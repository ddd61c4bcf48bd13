import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import StateView from '../../../components/state-view';
import { useAction } from '../../../hooks/useAction';
import { call } from '../../../services/api';
import { saveFile } from '../files';
import '../../quiz/index.css';
import Screen from '../../../components/screen';

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);

export default function AdminQuizStatsPage() {
  const campaignId = Number(useRouter().params.id);
  const { data: s, error, loading, reload } = useAction('quiz.admin.stats', { campaignId });
  const max = Math.max(1, ...(s?.distribution.map((d) => d.count) ?? [1]));
  const exportXlsx = async () => saveFile(await call('quiz.admin.export', { campaignId }, { loading: '正在导出…' }));
  return (
    <Screen className="page admin-quiz-stats">
      <StateView loading={loading && !s} error={s ? undefined : error} onRetry={reload}>
        {s && (
          <View>
            <View className="card">
              <Text className="card-title">{s.title}</Text>
              <View className="quiz-facts">
                <View className="quiz-facts__item">
                  <Text className="quiz-facts__value">{s.participants}</Text>
                  <Text className="hint">参与人数</Text>
                </View>
                <View className="quiz-facts__item">
                  <Text className="quiz-facts__value">{s.attempts}</Text>
                  <Text className="hint">答题次数</Text>
                </View>
                <View className="quiz-facts__item">
                  <Text className="quiz-facts__value">{pct(s.passRate)}</Text>
                  <Text className="hint">及格率</Text>
                </View>
              </View>
              <View className="quiz-facts">
                <View className="quiz-facts__item">
                  <Text className="quiz-facts__value">{s.averageScore ?? '—'}</Text>
                  <Text className="hint">平均分</Text>
                </View>
                <View className="quiz-facts__item">
                  <Text className="quiz-facts__value">{s.medianScore ?? '—'}</Text>
                  <Text className="hint">中位数</Text>
                </View>
              </View>
            </View>
            <View className="btn-primary quiz-submit" onClick={exportXlsx}>
              <Text>导出成绩 Excel</Text>
            </View>
            <View className="card" style={{ marginTop: '24px' }}>
              <Text className="card-title">成绩分布（每人最好成绩）</Text>
              {s.distribution.map((d) => (
                <View key={d.label} className="admin-quiz-band">
                  <View className="row">
                    <Text>{`${d.label} 分`}</Text>
                    <Text>{`${d.count} 人`}</Text>
                  </View>
                  <View className="quiz-bar" style={{ width: `${(d.count / max) * 100}%`, minWidth: d.count ? '8px' : '0' }} />
                </View>
              ))}
            </View>
            <View className="card">
              <Text className="card-title">各题正确率（从低到高）</Text>
              {s.questions.length === 0 && <Text className="muted">还没有人交卷。</Text>}
              {s.questions.map((q) => (
                <View key={q.id} className="quiz-review__item">
                  <Text className="quiz-review__stem">{q.stem}</Text>
                  <Text className={q.correctRate < 0.6 ? 'quiz-bad' : 'quiz-ok'}>{`正确率 ${pct(q.correctRate)}（作答 ${q.shown} 次）`}</Text>
                  <View className="quiz-bar" style={{ width: `${q.correctRate * 100}%` }} />
                </View>
              ))}
            </View>
          </View>
        )}
      </StateView>
    </Screen>
  );
}
