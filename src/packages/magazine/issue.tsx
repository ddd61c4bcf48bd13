import { useEffect } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { IssueResult } from '@contracts/magazine';
import StateView from '../../components/state-view';
import { useAction } from '../../hooks/useAction';
import Cover from './components/cover';
import TocItem from './components/toc-item';
import { cacheIssue, cachedIssue } from './lib/store';
import './issue.css';
import Screen from '../../components/screen';

/** One issue: cover, intro, table of contents by column with read/unread marks. Caches the issue for offline reading. */
export default function MagazineIssuePage() {
  const issueId = Number(useRouter().params.id);
  const { data, error, loading, reload } = useAction('magazine.issue', { issueId, withBodies: true });
  let shown: IssueResult | undefined = data;
  let offline = false;
  useEffect(() => {
    if (data) cacheIssue(data);
  }, [data]);
  if (!data && error?.code === 'NETWORK') {
    shown = cachedIssue(issueId) ?? undefined;
    offline = !!shown;
  }
  useShareAppMessage(() => ({ title: shown ? `《人生》${shown.issue.title}` : '《人生》', path: `/packages/magazine/issue?id=${issueId}` }));

  return (
    <Screen className="page mz-issue">
      <StateView loading={loading && !shown} error={shown ? undefined : error} onRetry={reload}>
        {shown && (
          <>
            {offline && <Text className="badge mz-issue__offline">离线阅读中</Text>}
            <Cover cover={shown.issue.cover} title={shown.issue.title} sub={`${shown.issue.year} 年第 ${shown.issue.number} 期`} />
            {shown.issue.intro && (
              <View className="card mz-issue__intro">
                <Text className="mz-issue__intro-label">本期导读</Text>
                <Text className="muted">{shown.issue.intro}</Text>
              </View>
            )}
            {shown.columns.map((c) => (
              <View key={c.column} className="card mz-issue__column">
                <Text className="mz-issue__column-title">{c.column}</Text>
                {c.articles.map((a) => (
                  <TocItem
                    key={a.id}
                    title={a.title}
                    author={a.author}
                    summary={a.summary}
                    readingMinutes={a.readingMinutes}
                    status={a.status}
                    position={a.position}
                    onOpen={() => Taro.navigateTo({ url: `/packages/magazine/article?id=${a.id}` })}
                  />
                ))}
              </View>
            ))}
            <Text className="hint mz-issue__note">本期内容已保存在手机上，没有网络时也能阅读。</Text>
          </>
        )}
      </StateView>
    </Screen>
  );
}
