import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useAction } from '../../hooks/useAction';

/** 首页: the latest issue of 《人生》, with 继续阅读 when an article is in progress. */
export default function MagazineCard() {
  const { data } = useAction('magazine.shelf', { limit: 1 });
  const latest = data?.issues[0];
  const cont = data?.continueReading;
  const go = (url: string) => Taro.navigateTo({ url });
  return (
    <View className="card home__feature home__feature--magazine" onClick={() => go('/packages/magazine/index')}>
      <Text className="card-title">《人生》会刊</Text>
      <Text className="muted">{latest ? `最新：${latest.year} 年第 ${latest.number} 期 ${latest.title}` : '学《人生》、用《人生》'}</Text>
      {cont && (
        <View
          className="btn-primary"
          style={{ marginTop: '12px', textAlign: 'center', lineHeight: 1.5, padding: '16px 20px' }}
          onClick={(e) => {
            e.stopPropagation();
            go(`/packages/magazine/article?id=${cont.articleId}`);
          }}
        >
          <Text>{`继续阅读：${cont.title}`}</Text>
        </View>
      )}
    </View>
  );
}
