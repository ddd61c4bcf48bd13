import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Input, Button } from '@tarojs/components';
import type { SearchHit } from '@contracts/magazine';
import StateView from '../../components/state-view';
import { call, type ApiCallError } from '../../services/api';
import './search.css';
import Screen from '../../components/screen';

function Runs({ runs, className }: { runs: { text: string; hit: boolean }[]; className: string }) {
  return (
    <View className={className}>
      {runs.map((r, i) => (
        <Text key={i} className={r.hit ? 'mz-search__hit' : ''}>
          {r.text}
        </Text>
      ))}
    </View>
  );
}

/** Full-text search over titles and bodies, with the matches highlighted. */
export default function MagazineSearchPage() {
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<SearchHit[]>();
  const [error, setError] = useState<ApiCallError>();
  const [busy, setBusy] = useState(false);
  const [tooShort, setTooShort] = useState(false);

  const search = async () => {
    const text = q.trim();
    // Whatever happens next, the old results no longer answer what is in the box.
    setHits(undefined);
    setError(undefined);
    setTooShort(Array.from(text).length < 2);
    if (Array.from(text).length < 2) return;
    setBusy(true);
    try {
      setHits((await call('magazine.search', { q: text }, { quiet: true })).hits);
      setError(undefined);
    } catch (e) {
      setError(e as ApiCallError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen className="page mz-search">
      <View className="mz-search__bar">
        <Input
          name="q"
          className="field-input mz-search__input"
          value={q}
          maxlength={30}
          placeholder="输入词语，如“育儿”“血压”"
          confirmType="search"
          onInput={(e) => setQ(e.detail.value)}
          onConfirm={search}
        />
        <Button className="btn-primary mz-search__btn" onClick={search}>
          搜索
        </Button>
      </View>
      {tooShort && <Text className="field-error mz-search__short">请至少输入两个字再搜索</Text>}
      <StateView loading={busy} error={error} onRetry={search} empty={hits?.length === 0} emptyText="没有找到相关文章，换个词试试">
        {hits?.map((h) => (
          <View key={h.articleId} className="card mz-search__item" onClick={() => Taro.navigateTo({ url: `/packages/magazine/article?id=${h.articleId}` })}>
            <Runs runs={h.titleRuns} className="mz-search__title" />
            <Text className="hint">{`${h.column} · ${h.issueTitle}`}</Text>
            <Runs runs={h.snippet} className="mz-search__snippet" />
          </View>
        ))}
      </StateView>
    </Screen>
  );
}
