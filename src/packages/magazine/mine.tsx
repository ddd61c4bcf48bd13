import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import StateView from '../../components/state-view';
import { useAction } from '../../hooks/useAction';
import './mine.css';
import Screen from '../../components/screen';

const minutes = (s: number) => Math.round(s / 60);
/** Reading time in words: 分钟, never 分 (which on this page means points). */
const minutesText = (s: number) => (s > 0 && minutes(s) === 0 ? '不到 1 分钟' : `${minutes(s)} 分钟`);

/** "本周", "上周", else the Monday as "11月9日". */
function weekLabel(weekStart: string, index: number, count: number): string {
  if (index === count - 1) return '本周';
  if (index === count - 2) return '上周';
  const [, m, d] = weekStart.split('-').map(Number);
  return `${m}月${d}日`;
}

/** 我的阅读: minutes read per week as a bar chart (newest on top), this week's figures at a glance, and the articles finished. */
export default function MagazineMinePage() {
  const { data, error, loading, reload } = useAction('magazine.myReading', {});
  // Bars are drawn from the minutes shown beside them, so a week shown as 0 分钟 has no bar.
  const max = Math.max(1, ...(data?.weeks.map((w) => minutes(w.seconds)) ?? [1]));
  const thisWeek = data?.weeks[data.weeks.length - 1]?.seconds ?? 0;
  const rows = data ? data.weeks.map((w, i) => ({ ...w, label: weekLabel(w.weekStart, i, data.weeks.length) })).reverse() : [];
  return (
    <Screen className="page mz-mine">
      <StateView loading={loading && !data} error={data ? undefined : error} onRetry={reload}>
        {data && (
          <>
            <View className="mz-mine__stats">
              <View className="mz-mine__stat">
                <Text className="mz-mine__num">{minutes(thisWeek)}</Text>
                <Text className="mz-mine__num-unit">分钟</Text>
                <Text className="mz-mine__unit">本周阅读</Text>
              </View>
              <View className="mz-mine__stat">
                <Text className="mz-mine__num">{data.finished.length}</Text>
                <Text className="mz-mine__num-unit">篇</Text>
                <Text className="mz-mine__unit">读完的文章</Text>
              </View>
              <View className="mz-mine__stat">
                <Text className="mz-mine__num">{`${data.pointsToday}`}</Text>
                <Text className="mz-mine__num-unit">积分</Text>
                <Text className="mz-mine__unit">{`今日（上限 ${data.dailyCap}）`}</Text>
              </View>
            </View>
            <View className="card">
              <Text className="card-title">每周阅读时间</Text>
              <Text className="hint">{`近 ${data.weeks.length} 周共 ${minutesText(data.totalSeconds)}`}</Text>
              <View className="mz-mine__chart">
                {rows.map((w) => (
                  <View key={w.weekStart} className={`mz-mine__row ${w.label === '本周' ? 'mz-mine__row--now' : ''}`}>
                    <Text className="mz-mine__label">{w.label}</Text>
                    <View className="mz-mine__track">
                      {minutes(w.seconds) > 0 && <View className="mz-mine__bar" style={{ width: `${Math.max(3, (minutes(w.seconds) / max) * 100)}%` }} />}
                    </View>
                    <Text className="mz-mine__value">{minutesText(w.seconds)}</Text>
                  </View>
                ))}
              </View>
              {data.totalSeconds === 0 && <Text className="muted">打开一篇文章读一读，阅读时间就会画在这里。</Text>}
            </View>
            <View className="card">
              <Text className="card-title">{`读完的文章（${data.finished.length}）`}</Text>
              {data.finished.length === 0 && <Text className="muted">认真读完一篇（一分钟以上并读到结尾）就会记在这里，每篇 2 积分。</Text>}
              {data.finished.map((f) => (
                <View key={f.articleId} className="mz-mine__item" onClick={() => Taro.navigateTo({ url: `/packages/magazine/article?id=${f.articleId}` })}>
                  <Text className="mz-mine__title">{f.title}</Text>
                  <Text className="hint">{`${f.issueTitle} · ${f.finishedAt.slice(5, 10).replace('-', '月')}日读完`}</Text>
                </View>
              ))}
            </View>
          </>
        )}
      </StateView>
    </Screen>
  );
}
