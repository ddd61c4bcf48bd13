import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text, Button } from '@tarojs/components';
import StateView from '../../../components/state-view';
import { useAction } from '../../../hooks/useAction';
import { toLocal } from './time';
import ImportCard from './import-card';
import './index.css';
import Screen from '../../../components/screen';

/** 《人生》 publishing: the issues of the admin's subtree; create an issue, import one by upload, or open one to edit it and its articles. */
export default function AdminMagazinePage() {
  const { data, error, loading, reload } = useAction('magazine.admin.issues', {});
  useDidShow(() => {
    if (data) void reload();
  });
  const go = (url: string) => Taro.navigateTo({ url });

  return (
    <Screen className="page">
      <View className="card">
        <Button className="btn-primary" style={{ margin: 0 }} onClick={() => go('/packages/admin/magazine/issue')}>
          新建一期
        </Button>
        <Text className="amz__help">
          每期先填好期号、标题和发布时间，再逐篇添加文章。发布时间未到的期刊会员看不到，到时自动出现，只有本单位及下级单位的会员能看到。
        </Text>
      </View>
      <ImportCard onImported={() => void reload()} />
      <StateView
        loading={loading && !data}
        error={data ? undefined : error}
        onRetry={reload}
        empty={data?.issues.length === 0}
        emptyText="本单位还没有期刊，点上面的“新建一期”开始"
      >
        <View className="card">
          {data?.issues.map((i) => (
            <View key={i.id} className="amz__item amz-issue" onClick={() => go(`/packages/admin/magazine/issue?id=${i.id}`)}>
              <View className="amz__item-main">
                <Text className="amz__item-title">{`${i.year} 年第 ${i.number} 期 ${i.title}`}</Text>
                <Text className="hint">{`${i.orgName} · ${i.articleCount} 篇 · ${i.published ? '已发布' : '定时发布'} ${toLocal(i.publishAt)}`}</Text>
              </View>
              <Text className="link">编辑 ›</Text>
            </View>
          ))}
        </View>
      </StateView>
    </Screen>
  );
}
