import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import StateView from '../../components/state-view';
import { useAction } from '../../hooks/useAction';
import './mine.css';
import Screen from '../../components/screen';

const STATUS = { unread: '未读', reading: '在读', read: '已读' } as const;

/** 收藏 or 阅读记录 (list?kind=favorites|history). */
export default function MagazineListPage() {
  const kind = useRouter().params.kind === 'favorites' ? 'favorites' : 'history';
  const { data, error, loading, reload } = useAction(kind === 'favorites' ? 'magazine.favorites' : 'magazine.history', {});
  Taro.setNavigationBarTitle({ title: kind === 'favorites' ? '我的收藏' : '阅读记录' }).catch(() => undefined);
  return (
    <Screen className="page" title={kind === 'favorites' ? '我的收藏' : '阅读记录'}>
      <StateView
        loading={loading && !data}
        error={data ? undefined : error}
        onRetry={reload}
        empty={data?.items.length === 0}
        emptyText={kind === 'favorites' ? '还没有收藏的文章' : '还没有阅读记录'}
      >
        <View className="card">
          {data?.items.map((a) => (
            <View key={a.articleId} className="mz-mine__item" onClick={() => Taro.navigateTo({ url: `/packages/magazine/article?id=${a.articleId}` })}>
              <Text className="mz-mine__title">{a.title}</Text>
              <Text className="hint">{`${a.column} · ${a.issueTitle} · ${a.status === 'reading' ? `读到 ${Math.round(a.position * 100)}%` : STATUS[a.status]}`}</Text>
            </View>
          ))}
        </View>
      </StateView>
    </Screen>
  );
}
