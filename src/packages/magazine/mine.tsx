import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import StateView from '../../components/state-view';
import { useAction } from '../../hooks/useAction';
import './mine.css';

const minutes = (s: number) => Math.round(s / 60);

/** 我的阅读: minutes read per week as a bar chart, and the articles finished. */
export default function MagazineMinePage() {
  const { data, error, loading, reload } = useAction('magazine.myReading', {});
  const max = Math.max(1, ...(data?.weeks.map((w) => w.seconds) ?? [1]));
  return (
    <View className='page mz-mine'>
      <StateView loading={loading && !data} error={data ? undefined : error} onRetry={reload}>
        {data && (
          <>
            <View className='card'>
              <Text className='card-title'>每周阅读时间（分钟）</Text>
              <Text className='hint'>{`近 ${data.weeks.length} 周共 ${minutes(data.totalSeconds)} 分钟 · 今日阅读积分 ${data.pointsToday}/${data.dailyCap}`}</Text>
              <View className='mz-mine__chart'>
                {data.weeks.map((w) => (
                  <View key={w.weekStart} className='mz-mine__row'>
                    <Text className='mz-mine__label'>{w.weekStart.slice(5).replace('-', '/')}</Text>
                    <View className='mz-mine__track'>
                      <View className='mz-mine__bar' style={{ width: `${(w.seconds / max) * 100}%` }} />
                    </View>
                    <Text className='mz-mine__value'>{minutes(w.seconds)}</Text>
                  </View>
                ))}
              </View>
            </View>
            <View className='card'>
              <Text className='card-title'>{`读完的文章（${data.finished.length}）`}</Text>
              {data.finished.length === 0 && <Text className='muted'>认真读完一篇（约一分钟以上并读到结尾）就会记在这里。</Text>}
              {data.finished.map((f) => (
                <View key={f.articleId} className='mz-mine__item' onClick={() => Taro.navigateTo({ url: `/packages/magazine/article?id=${f.articleId}` })}>
                  <Text className='mz-mine__title'>{f.title}</Text>
                  <Text className='hint'>{`${f.issueTitle} · ${f.finishedAt.slice(0, 10)}`}</Text>
                </View>
              ))}
            </View>
          </>
        )}
      </StateView>
    </View>
  );
}
