import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Button } from '@tarojs/components';
import StateView from '../../../components/state-view';
import { useAction } from '../../../hooks/useAction';
import { call } from '../../../services/api';
import { toBjInput } from './time';
import './index.css';
import Screen from '../../../components/screen';

/** 活动管理: what this admin's org and the orgs under it publish, drafts included. */
export default function AdminEventsPage() {
  const [when, setWhen] = useState<'upcoming' | 'all'>('upcoming');
  const list = useAction('event.list', { when, scope: 'manage', limit: 100 });
  const toggle = async (id: number, title: string, published: boolean) => {
    if (!published) {
      // 撤回 takes a live event away from every member at once: say so and ask first.
      const r = await Taro.showModal({
        title: '撤回这个活动？',
        content: `撤回后，会员将看不到“${title}”，也不能再签到。已有的签到记录会保留，之后可以重新发布。`,
        confirmText: '撤回',
        confirmColor: '#b00020',
        cancelText: '不撤回',
      });
      if (!r.confirm) return;
    }
    await call('event.admin.setPublished', { id, published }, { loading: published ? '正在发布' : '正在撤回' });
    Taro.showToast({ title: published ? '已发布' : '已撤回', icon: 'success' });
    await list.reload();
  };
  return (
    <Screen className="page admin-events">
      <Button className="btn-primary" onClick={() => Taro.navigateTo({ url: '/packages/admin/events/edit' })}>
        发布活动 / 通知
      </Button>
      <View className="admin-events__filter">
        <Text className={`admin-events__tab ${when === 'upcoming' ? 'admin-events__tab--on' : ''}`} onClick={() => setWhen('upcoming')}>
          进行中及即将开始
        </Text>
        <Text className={`admin-events__tab ${when === 'all' ? 'admin-events__tab--on' : ''}`} onClick={() => setWhen('all')}>
          全部
        </Text>
      </View>
      <StateView
        loading={list.loading && !list.data}
        error={list.error}
        onRetry={list.reload}
        empty={list.data?.items.length === 0}
        emptyText="还没有发布过活动"
      >
        {list.data?.items.map((e) => (
          <View key={e.id} className="card admin-events__item">
            <View className="row">
              <Text className="badge">{e.kind === 'notice' ? '通知' : e.type}</Text>
              <Text className={e.published ? 'admin-events__state--on' : 'admin-events__state--off'}>{e.published ? '已发布' : '草稿 / 已撤回'}</Text>
            </View>
            <Text className="card-title" onClick={() => Taro.navigateTo({ url: `/packages/events/detail/index?id=${e.id}` })}>
              {e.title}
            </Text>
            <Text className="hint" style={{ display: 'block' }}>
              {e.org.name} · {toBjInput(e.startsAt)}
            </Text>
            <View className="admin-events__actions">
              {e.kind === 'event' && (
                <Button className="admin-events__action" onClick={() => Taro.navigateTo({ url: `/packages/admin/events/screen?id=${e.id}` })}>
                  签到大屏
                </Button>
              )}
              {e.kind === 'event' && (
                <Button className="admin-events__action" onClick={() => Taro.navigateTo({ url: `/packages/admin/events/stats?id=${e.id}` })}>
                  统计
                </Button>
              )}
              <Button className="admin-events__action" onClick={() => Taro.navigateTo({ url: `/packages/admin/events/edit?id=${e.id}` })}>
                编辑
              </Button>
              <Button
                className={`admin-events__action ${e.published ? 'admin-events__action--danger' : ''}`}
                onClick={() => toggle(e.id, e.title, !e.published)}
              >
                {e.published ? '撤回' : '发布'}
              </Button>
            </View>
          </View>
        ))}
      </StateView>
    </Screen>
  );
}
