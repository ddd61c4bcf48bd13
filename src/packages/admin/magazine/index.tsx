import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Input, Button } from '@tarojs/components';
import StateView from '../../../components/state-view';
import { useAction } from '../../../hooks/useAction';
import { call } from '../../../services/api';

/** China time (UTC+8) as "YYYY-MM-DD HH:mm", and back. */
const toLocal = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
const fromLocal = (s: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(s.trim());
  return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00+08:00`).toISOString() : null;
};

/** 《人生》 publishing: the issues of the admin's subtree, with their (scheduled) publish times. Import is by CLI. */
export default function AdminMagazinePage() {
  const { data, error, loading, reload } = useAction('magazine.adminIssues', {});
  const [edits, setEdits] = useState<Record<number, string>>({});

  const save = async (issueId: number) => {
    const iso = fromLocal(edits[issueId] ?? '');
    if (!iso) {
      Taro.showToast({ title: '请按“2026-12-01 08:00”的格式填写时间', icon: 'none' });
      return;
    }
    await call('magazine.publish', { issueId, publishAt: iso }, { loading: '正在保存…' });
    Taro.showToast({ title: '发布时间已更新', icon: 'none' });
    await reload();
  };

  return (
    <View className='page'>
      <View className='card'>
        <Text className='muted'>期刊用命令导入：npm run magazine -- import 期刊文件夹。发布时间未到的期刊会员看不到，到时自动出现。</Text>
      </View>
      <StateView loading={loading && !data} error={data ? undefined : error} onRetry={reload} empty={data?.issues.length === 0} emptyText='本单位还没有导入期刊'>
        {data?.issues.map((i) => (
          <View key={i.id} className='card'>
            <Text className='card-title'>{`${i.year} 年第 ${i.number} 期 ${i.title}`}</Text>
            <Text className='hint'>{`${i.orgName} · ${i.articleCount} 篇 · ${i.published ? '已发布' : '定时发布'}：${toLocal(i.publishAt)}`}</Text>
            <View className='row' style={{ marginTop: '12px', gap: '12px' }}>
              <Input
                name={`publishAt-${i.id}`}
                className='field-input'
                style={{ flex: 1 }}
                value={edits[i.id] ?? toLocal(i.publishAt)}
                onInput={(e) => setEdits({ ...edits, [i.id]: e.detail.value })}
              />
              <Button className='btn-plain' style={{ margin: 0 }} onClick={() => save(i.id)}>
                保存
              </Button>
            </View>
          </View>
        ))}
      </StateView>
    </View>
  );
}
