import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import type { OrgChildrenResult } from '@contracts/org';
import { call, ApiCallError } from '../../services/api';
import StateView from '../state-view';
import './index.css';

interface Props {
  /** Start the drill-down at this org's parent so the current choice is in view. */
  initialParentId?: string | null;
  /** Keep the walk inside this org's subtree (e.g. an admin's own): it is the top crumb and nothing above it shows. */
  root?: { id: string; name: string };
  onPick: (org: { id: string; name: string }) => void;
}

/** Picks an organisation by walking down the tree: 自治区 → 盟市 → 旗县 → 苏木 → 村. */
export default function OrgPicker({ initialParentId = null, root, onPick }: Props) {
  const top = root?.id ?? null;
  const [parentId, setParentId] = useState<string | null>(initialParentId ?? top);
  const [level, setLevel] = useState<OrgChildrenResult>();
  const [error, setError] = useState<ApiCallError>();
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let live = true;
    setLoading(true);
    call('org.children', { parentId }, { quiet: true })
      .then((r) => live && (setLevel(r), setError(undefined)))
      .catch((e) => live && setError(e))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [parentId]);

  const all = level?.path ?? [];
  const crumbs = root ? all.slice(Math.max(0, all.findIndex((c) => c.id === root.id))) : all;
  return (
    <View className='org-picker'>
      <View className='org-picker__crumbs'>
        {!root && (
          <Text className='org-picker__crumb link' onClick={() => setParentId(null)}>
            全部
          </Text>
        )}
        {crumbs.map((c, i) => (
          <Text key={c.id} className='org-picker__crumb link' onClick={() => setParentId(c.id)}>
            {root && i === 0 ? '' : ' › '}
            {c.name}
          </Text>
        ))}
      </View>
      {crumbs.length > 0 && (
        <View className='org-picker__item org-picker__item--current' onClick={() => onPick(crumbs[crumbs.length - 1])}>
          <Text>选择“{crumbs[crumbs.length - 1].name}”</Text>
        </View>
      )}
      <StateView loading={loading} error={error} empty={!!level && level.children.length === 0} emptyText='没有下级单位了' onRetry={() => setParentId(parentId)}>
        {level?.children.map((o) => (
          <View key={o.id} className='org-picker__item' onClick={() => (o.hasChildren ? setParentId(o.id) : onPick(o))}>
            <Text className='org-picker__name'>{o.name}</Text>
            <Text className='org-picker__more'>{o.hasChildren ? '下级 ›' : '选择'}</Text>
          </View>
        ))}
      </StateView>
    </View>
  );
}
