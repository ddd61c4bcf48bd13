import { useEffect } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import StateView from '../../components/state-view';
import { useAction } from '../../hooks/useAction';
import Cover from './components/cover';
import { cachedIssue, syncQueued, syncWhenOnline } from './lib/store';
import './index.css';
import Screen from '../../components/screen';

/** 《人生》 shelf: the issues newest first, continue reading, and the reader's own lists. */
export default function MagazineShelfPage() {
  const { data, error, loading, reload } = useAction('magazine.shelf', {});
  const go = (url: string) => Taro.navigateTo({ url });
  useEffect(() => syncWhenOnline(), []);
  useDidShow(() => void syncQueued());
  const offline = error && error.code === 'NETWORK' ? cachedIssue() : null;

  return (
    <Screen className="page mz-shelf">
      <View className="mz-shelf__tools">
        <View className="mz-shelf__search" onClick={() => go('/packages/magazine/search')}>
          <Text>搜索文章</Text>
        </View>
        <View className="mz-shelf__tool" onClick={() => go('/packages/magazine/mine')}>
          <Text>我的阅读</Text>
        </View>
        <View className="mz-shelf__tool" onClick={() => go('/packages/magazine/list?kind=favorites')}>
          <Text>收藏</Text>
        </View>
        <View className="mz-shelf__tool" onClick={() => go('/packages/magazine/list?kind=history')}>
          <Text>记录</Text>
        </View>
      </View>
      {offline && (
        <View className="card">
          <Text className="card-title">网络不太好</Text>
          <Text className="muted">可以离线阅读最近打开的一期：</Text>
          <View className="mz-shelf__offline" onClick={() => go(`/packages/magazine/issue?id=${offline.issue.id}`)}>
            <Text className="link">{`${offline.issue.title} ›`}</Text>
          </View>
        </View>
      )}
      <StateView loading={loading && !data} error={data ? undefined : error} onRetry={reload} empty={data?.issues.length === 0} emptyText="还没有发布的期刊">
        {data?.continueReading && (
          <View className="card mz-shelf__continue" onClick={() => go(`/packages/magazine/article?id=${data.continueReading!.articleId}`)}>
            <Text className="hint">{`继续阅读 · ${data.continueReading.issueTitle}`}</Text>
            <Text className="mz-shelf__continue-title">{data.continueReading.title}</Text>
            <View className="progress">
              <View className="progress-bar" style={{ width: `${Math.round(data.continueReading.position * 100)}%` }} />
            </View>
          </View>
        )}
        {data?.issues.map((i, idx) => (
          <View
            key={i.id}
            className={`mz-shelf__issue ${idx === 0 ? 'mz-shelf__issue--latest' : ''}`}
            onClick={() => go(`/packages/magazine/issue?id=${i.id}`)}
          >
            <Cover cover={i.cover} title={i.title} sub={`${i.year} 年第 ${i.number} 期`} size={idx === 0 ? 'large' : 'small'} />
            {idx > 0 && (
              <View className="mz-shelf__meta">
                <Text className="mz-shelf__title">{i.title}</Text>
                <Text className="hint">{`${i.year} 年第 ${i.number} 期 · ${i.articleCount} 篇`}</Text>
                <Text className="muted mz-shelf__intro">{i.intro}</Text>
              </View>
            )}
            {idx === 0 && (
              <View className="mz-shelf__latest">
                <Text className="badge">最新一期</Text>
                <Text className="muted mz-shelf__intro">{i.intro}</Text>
              </View>
            )}
          </View>
        ))}
      </StateView>
    </Screen>
  );
}
