import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import StateView from '../../../components/state-view';
import { useAction } from '../../../hooks/useAction';
import '../../quiz/index.css';
import Screen from '../../../components/screen';

const STATUS = { open: '进行中', upcoming: '未开始', ended: '已结束' };

export default function AdminQuizPage() {
  const { data, error, loading, reload } = useAction('quiz.admin.campaigns', {});
  const go = (url: string) => Taro.navigateTo({ url });
  return (
    <Screen className="page admin-quiz">
      <View className="quiz-campaign__actions">
        <View className="btn-primary quiz-btn" onClick={() => go('/packages/admin/quiz/edit')}>
          <Text>新建竞赛</Text>
        </View>
        <View className="btn-plain quiz-btn" onClick={() => go('/packages/admin/quiz/import')}>
          <Text>导入题库</Text>
        </View>
      </View>
      <StateView loading={loading && !data} error={data ? undefined : error} onRetry={reload}>
        {data && (
          <View style={{ marginTop: '24px' }}>
            {data.campaigns.length === 0 && <Text className="muted">本单位还没有竞赛。</Text>}
            {data.campaigns.map((c) => (
              <View key={c.id} className="card">
                <View className="row">
                  <Text className="badge">{STATUS[c.status]}</Text>
                  <Text className="hint">{c.orgName}</Text>
                </View>
                <Text className="card-title quiz-campaign__title">{c.title}</Text>
                <View className="quiz-campaign__actions">
                  <View className="btn-plain quiz-btn" onClick={() => go(`/packages/admin/quiz/stats?id=${c.id}`)}>
                    <Text>统计</Text>
                  </View>
                  <View className="btn-plain quiz-btn" onClick={() => go(`/packages/admin/quiz/edit?id=${c.id}`)}>
                    <Text>编辑</Text>
                  </View>
                </View>
              </View>
            ))}
            <View className="card">
              <Text className="card-title">可用题库</Text>
              {data.banks.map((b) => (
                <View key={b.id} className="quiz-rank-row">
                  <Text style={{ flex: 1 }}>{b.title}</Text>
                  <Text className="hint">{`${b.questionCount} 题${b.editable ? '' : ' · 上级题库'}`}</Text>
                </View>
              ))}
            </View>
          </View>
        )}
      </StateView>
    </Screen>
  );
}
