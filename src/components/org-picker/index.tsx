import { useEffect, useState } from 'react';
import { View, Text, Input } from '@tarojs/components';
import type { OrgChildrenResult, OrgTreeNode } from '@contracts/org';
import { call, ApiCallError } from '../../services/api';
import StateView from '../state-view';
import './index.css';

interface Props {
  /** Start the drill-down at this org's parent so the current choice is in view. */
  initialParentId?: string | null;
  /** Keep the walk inside this org's subtree (e.g. an admin's own): it is the top crumb and nothing above it shows. */
  root?: { id: string; name: string };
  onPick: (org: { id: string; name: string }) => void;
  /** Only the search box (the walk down the tree is elsewhere): for a small card. */
  searchOnly?: boolean;
}

interface Found {
  id: string;
  name: string;
  /** The org's ancestors' names, top down (without the top level, which every org shares). */
  where: string;
  ancestorIds: string[];
}

/** Every org of the tree with where it sits, for the search box (the tree is small and public; fetched once). */
let allOrgs: Promise<Found[]> | null = null;
function loadAllOrgs(): Promise<Found[]> {
  allOrgs ??= call('org.tree', {}, { quiet: true })
    .then(({ tree }) => {
      const out: Found[] = [];
      const walk = (nodes: OrgTreeNode[], path: OrgTreeNode[]) => {
        for (const n of nodes) {
          out.push({
            id: n.id,
            name: n.name,
            where: path
              .slice(1)
              .map((p) => p.name)
              .join(' › '),
            ancestorIds: path.map((p) => p.id),
          });
          walk(n.children, [...path, n]);
        }
      };
      walk(tree, []);
      return out;
    })
    .catch((e) => {
      allOrgs = null;
      throw e;
    });
  return allOrgs;
}

const MAX_FOUND = 30;

/** Picks an organisation: type part of its name (土默特), or walk down the tree: 自治区 → 盟市 → 旗县 → 苏木 → 村. */
export default function OrgPicker({ initialParentId = null, root, onPick, searchOnly = false }: Props) {
  const top = root?.id ?? null;
  const [parentId, setParentId] = useState<string | null>(initialParentId ?? top);
  const [level, setLevel] = useState<OrgChildrenResult>();
  const [error, setError] = useState<ApiCallError>();
  const [loading, setLoading] = useState(true);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Found[]>();

  useEffect(() => {
    let live = true;
    if (searchOnly) return;
    setLoading(true);
    call('org.children', { parentId }, { quiet: true })
      .then((r) => live && (setLevel(r), setError(undefined)))
      .catch((e) => live && setError(e))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [parentId, searchOnly]);

  const q = query.trim();
  const rootId = root?.id;
  useEffect(() => {
    let live = true;
    // Results always belong to the words in the box: clear first, so an old list never stays under new words.
    setFound(undefined);
    if (!q) return;
    loadAllOrgs()
      .then((orgs) => {
        if (!live) return;
        const inside = rootId ? orgs.filter((o) => o.id === rootId || o.ancestorIds.includes(rootId)) : orgs;
        setFound(inside.filter((o) => o.name.includes(q)).slice(0, MAX_FOUND));
      })
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [q, rootId]);

  const all = level?.path ?? [];
  const crumbs = root
    ? all.slice(
        Math.max(
          0,
          all.findIndex((c) => c.id === root.id),
        ),
      )
    : all;
  return (
    <View className="org-picker">
      <View className="org-picker__search">
        <Input
          className="field-input org-picker__input"
          name="orgSearch"
          value={query}
          placeholder="输入单位名称查找，如：土默特"
          confirmType="search"
          aria-label="查找单位"
          onInput={(e) => setQuery(e.detail.value)}
        />
        {query !== '' && (
          <View className="org-picker__clear" role="button" aria-label="清除查找" onClick={() => setQuery('')}>
            <Text>清除</Text>
          </View>
        )}
      </View>
      {q ? (
        <View className="org-picker__found">
          {found === undefined ? (
            <Text className="hint org-picker__note">正在查找…</Text>
          ) : found.length === 0 ? (
            <Text className="hint org-picker__note">{`没有找到名称含“${q}”的单位，换个字试试，或清除后逐级选择`}</Text>
          ) : (
            found.map((o) => (
              <View key={o.id} className="org-picker__item org-picker__hit" role="button" onClick={() => onPick({ id: o.id, name: o.name })}>
                <View className="org-picker__hit-text">
                  <Text className="org-picker__name">{o.name}</Text>
                  {o.where && <Text className="hint org-picker__where">{o.where}</Text>}
                </View>
                <Text className="org-picker__more">选择</Text>
              </View>
            ))
          )}
        </View>
      ) : searchOnly ? null : (
        <>
          <View className="org-picker__crumbs">
            {!root && (
              <Text className="org-picker__crumb tap-link" onClick={() => setParentId(null)}>
                全部
              </Text>
            )}
            {crumbs.map((c, i) => (
              <Text key={c.id} className="org-picker__crumb tap-link" onClick={() => setParentId(c.id)}>
                {root && i === 0 ? '' : '› '}
                {c.name}
              </Text>
            ))}
          </View>
          {crumbs.length > 0 && (
            <View className="org-picker__item org-picker__item--current" role="button" onClick={() => onPick(crumbs[crumbs.length - 1])}>
              <Text>选择“{crumbs[crumbs.length - 1].name}”</Text>
            </View>
          )}
          <StateView
            loading={loading}
            error={error}
            empty={!!level && level.children.length === 0}
            emptyText="没有下级单位了"
            onRetry={() => setParentId(parentId)}
          >
            {level?.children.map((o) => (
              <View key={o.id} className="org-picker__item" role="button" onClick={() => (o.hasChildren ? setParentId(o.id) : onPick(o))}>
                <Text className="org-picker__name">{o.name}</Text>
                <Text className="org-picker__more">{o.hasChildren ? '下级 ›' : '选择'}</Text>
              </View>
            ))}
          </StateView>
        </>
      )}
    </View>
  );
}
