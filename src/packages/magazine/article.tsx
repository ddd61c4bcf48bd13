import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow, usePageScroll, useRouter, useShareAppMessage, useUnload } from '@tarojs/taro';
import { View, Text, RichText, Button } from '@tarojs/components';
import type { ArticleBody, FontSize, RichNode } from '@contracts/magazine';
import { FONT_SIZES, HEARTBEAT_INTERVAL_MS, HEARTBEAT_MAX_CREDIT } from '@contracts/magazine-format';
import StateView from '../../components/state-view';
import { call, type ApiCallError } from '../../services/api';
import FontSizeControl from './components/font-size-control';
import { mediaSrc } from '../../services/media';
import { cachedArticle, localSettings, openingPosition, rememberSettings, saveProgress, syncQueued, syncWhenOnline } from './lib/store';
import './article.css';
import { useElderMode } from '../../hooks/useElderMode';
import Screen from '../../components/screen';

interface Loaded {
  article: ArticleBody;
  position: number;
  favorite: boolean;
  prevId: number | null;
  nextId: number | null;
  offline: boolean;
}

const SAVE_EVERY_MS = 3000;
/** A move smaller than this is not a new reading (opening an article must not overwrite another device's later place). */
const MIN_MOVE = 0.005;

/** Uploaded pictures are stored as /media/…: the weapp loads them from the API host. */
function withImageHost(nodes: RichNode[]): RichNode[] {
  return nodes.map((n) =>
    'name' in n
      ? { ...n, ...(n.attrs?.src ? { attrs: { ...n.attrs, src: mediaSrc(n.attrs.src) } } : {}), ...(n.children ? { children: withImageHost(n.children) } : {}) }
      : n,
  );
}
const IDLE_AFTER_MS = 60_000;

function windowHeight(): number {
  try {
    return (Taro.getWindowInfo?.() ?? Taro.getSystemInfoSync()).windowHeight;
  } catch {
    return 667;
  }
}

/**
 * On H5 Taro scrolls each page's own container (.taro_page), not the window; the reader finds its own
 * container through its element id (two article pages can be in the DOM during a transition).
 */
function h5Container(domId: string): HTMLElement | null {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return null;
  return (document.getElementById(domId)?.closest('.taro_page') as HTMLElement | null) ?? null;
}

/** How far the page can scroll (px): the reading fraction is scrollTop / room. */
function scrollRoom(domId: string): Promise<number> {
  if (process.env.TARO_ENV === 'h5') {
    const el = h5Container(domId) ?? (document.scrollingElement as HTMLElement | null);
    return Promise.resolve(el ? el.scrollHeight - el.clientHeight : 0);
  }
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${domId}`)
      .boundingClientRect()
      .exec((res) => {
        const rect = res?.[0] as { height: number } | null;
        resolve((rect?.height ?? 0) - windowHeight());
      });
  });
}

let instances = 0;

/** The article reader: font size and night mode per member, progress saved while scrolling, heartbeats while visible. */
export default function MagazineArticlePage() {
  const elder = useElderMode();
  const articleId = Number(useRouter().params.id);
  const domId = useMemo(() => `mz-article-${++instances}`, []);
  const [data, setData] = useState<Loaded>();
  const [error, setError] = useState<ApiCallError>();
  const [settings, setSettings] = useState(localSettings);
  const position = useRef(0);
  const maxPosition = useRef(0);
  const lastSave = useRef(0);
  const lastSent = useRef(0);
  const saveTimer = useRef<ReturnType<typeof setTimeout>>();
  const lastActivity = useRef(Date.now());
  const visible = useRef(true);
  const lastBeat = useRef(Date.now());
  const restored = useRef(false);

  const load = useCallback(async () => {
    setError(undefined);
    try {
      const r = await call('magazine.article', { articleId }, { quiet: true });
      setSettings(r.settings);
      rememberSettings(r.settings);
      setData({
        article: r.article,
        position: openingPosition(articleId, r.progress),
        favorite: r.favorite,
        prevId: r.prevId,
        nextId: r.nextId,
        offline: false,
      });
      void syncQueued();
    } catch (e) {
      const cached = (e as ApiCallError).code === 'NETWORK' ? cachedArticle(articleId) : null;
      if (cached)
        setData({
          article: cached.body,
          position: openingPosition(articleId, null),
          favorite: false,
          prevId: cached.prevId,
          nextId: cached.nextId,
          offline: true,
        });
      else setError(e as ApiCallError);
    }
  }, [articleId]);

  useEffect(() => {
    syncWhenOnline();
    void load();
  }, [load]);

  // Restore the saved place once the body is laid out (and keep the place when the font size changes).
  const scrollToFraction = useCallback(
    async (fraction: number | (() => number)) => {
      await new Promise((r) => setTimeout(r, 80));
      const f = typeof fraction === 'function' ? fraction() : fraction;
      if (f <= 0) return;
      const room = await scrollRoom(domId);
      if (room <= 0) return;
      const el = h5Container(domId);
      if (el) el.scrollTop = Math.round(f * room);
      else Taro.pageScrollTo({ scrollTop: Math.round(f * room), duration: 0 });
    },
    [domId],
  );
  useEffect(() => {
    if (!data || restored.current) return;
    restored.current = true;
    position.current = data.position;
    maxPosition.current = data.position;
    lastSent.current = data.position;
    if (data.position > 0) {
      void scrollToFraction(data.position);
      Taro.showToast({ title: `已回到上次读到的 ${Math.round(data.position * 100)}%`, icon: 'none', duration: 1500 });
    }
  }, [data, scrollToFraction]);

  const save = useCallback(() => {
    if (!data || Math.abs(position.current - lastSent.current) < MIN_MOVE) return;
    lastSave.current = Date.now();
    lastSent.current = position.current;
    void saveProgress(articleId, position.current);
  }, [articleId, data]);

  const onScroll = (scrollTop: number) => {
    lastActivity.current = Date.now();
    if (!restored.current) return;
    void scrollRoom(domId).then((room) => {
      const f = room <= 0 ? 1 : Math.min(1, Math.max(0, scrollTop / room));
      position.current = f;
      maxPosition.current = Math.max(maxPosition.current, f);
      clearTimeout(saveTimer.current);
      if (Date.now() - lastSave.current >= SAVE_EVERY_MS) save();
      else saveTimer.current = setTimeout(save, SAVE_EVERY_MS);
    });
  };
  const onScrollRef = useRef(onScroll);
  onScrollRef.current = onScroll;
  // weapp: the page scrolls; H5: the page's own container, listened to directly (Taro's H5 page-scroll
  // binding follows whichever page was bound last, which misses scrolls after a back-and-forth)
  usePageScroll(({ scrollTop }) => {
    if (process.env.TARO_ENV !== 'h5') onScrollRef.current(scrollTop);
  });
  const hasData = !!data;
  useEffect(() => {
    const el = hasData ? h5Container(domId) : null;
    if (!el) return;
    const h = () => onScrollRef.current(el.scrollTop);
    el.addEventListener('scroll', h, { passive: true });
    return () => el.removeEventListener('scroll', h);
  }, [hasData, domId]);

  // Heartbeats: only while the page is visible and the reader has touched or scrolled in the last minute.
  const beat = useCallback(() => {
    const now = Date.now();
    const elapsed = Math.min(HEARTBEAT_MAX_CREDIT, Math.round((now - lastBeat.current) / 1000));
    lastBeat.current = now;
    const active = now - lastActivity.current < IDLE_AFTER_MS;
    if (!visible.current) return;
    call(
      'magazine.heartbeat',
      { articleId, activeSeconds: active ? elapsed : 0, visible: true, active, position: Math.round(maxPosition.current * 1000) / 1000 },
      { quiet: true },
    )
      .then((r) => {
        if (r.pointsAwarded > 0) Taro.showToast({ title: `读完一篇，积分 +${r.pointsAwarded}`, icon: 'none' });
      })
      .catch(() => undefined);
  }, [articleId]);
  useEffect(() => {
    if (!data || data.offline) return;
    lastBeat.current = Date.now();
    call('magazine.heartbeat', { articleId, activeSeconds: 0, visible: true, active: true }, { quiet: true }).catch(() => undefined);
    const t = setInterval(beat, HEARTBEAT_INTERVAL_MS);
    const onVis = () => {
      visible.current = document.visibilityState === 'visible';
      lastBeat.current = Date.now();
    };
    if (typeof document !== 'undefined' && document.addEventListener) document.addEventListener('visibilitychange', onVis);
    return () => {
      clearInterval(t);
      if (typeof document !== 'undefined' && document.removeEventListener) document.removeEventListener('visibilitychange', onVis);
    };
  }, [data, articleId, beat]);
  useDidShow(() => {
    visible.current = true;
    lastBeat.current = Date.now();
    lastActivity.current = Date.now();
  });
  useDidHide(() => {
    beat();
    visible.current = false;
    if (restored.current) save();
  });
  useUnload(() => {
    clearTimeout(saveTimer.current);
    if (restored.current) save();
  });

  const changeSettings = async (patch: { fontSize?: FontSize; night?: boolean }) => {
    const next = { ...settings, ...patch };
    setSettings(next);
    rememberSettings(next);
    if (patch.fontSize) void scrollToFraction(() => position.current);
    try {
      await call('magazine.settings', patch, { quiet: true });
    } catch {
      // kept locally; the server learns it next time
    }
  };

  const toggleFavorite = async () => {
    if (!data) return;
    const r = await call('magazine.favorite', { articleId, on: !data.favorite });
    setData({ ...data, favorite: r.favorite });
    Taro.showToast({ title: r.favorite ? '已收藏' : '已取消收藏', icon: 'none' });
  };

  useShareAppMessage(() => ({ title: data ? `《人生》${data.article.title}` : '《人生》', path: `/packages/magazine/article?id=${articleId}` }));
  const shareH5 = () => {
    const url = typeof location !== 'undefined' ? location.href : '';
    Taro.setClipboardData({ data: `《人生》${data?.article.title ?? ''} ${url}` })
      .then(() => Taro.showToast({ title: '链接已复制，可以发给亲友', icon: 'none' }))
      .catch(() => undefined);
  };

  const article = data?.article;
  const nodes = useMemo(() => (article ? withImageHost(article.nodes) : []), [article]);
  // 长辈模式 sets the floor: the reader's 标准 is then as large as the mode's body text.
  const fontPx = Math.max(FONT_SIZES.find((f) => f.key === settings.fontSize)?.px ?? 34, elder ? 40 : 0);
  const open = (id: number) => Taro.redirectTo({ url: `/packages/magazine/article?id=${id}` });

  return (
    <Screen id={domId} className={`page mz-article mz-article--${settings.fontSize} ${settings.night ? 'mz-article--night' : ''}`}>
      <StateView loading={!data && !error} error={error} onRetry={load}>
        {data && (
          <>
            {data.offline && <Text className="badge">离线阅读中，进度会在联网后同步</Text>}
            <Text className="mz-article__column">{`${data.article.column} · ${data.article.issueTitle}`}</Text>
            <Text className="mz-article__title">{data.article.title}</Text>
            <Text className="mz-article__meta">{`${data.article.author} · 约 ${data.article.readingMinutes} 分钟`}</Text>
            <FontSizeControl
              value={settings.fontSize}
              night={settings.night}
              onChange={(fontSize) => changeSettings({ fontSize })}
              onToggleNight={() => changeSettings({ night: !settings.night })}
            />
            <View className="mz-article__summary">
              <Text>{data.article.summary}</Text>
            </View>
            <View className="mz-article__body" style={{ fontSize: `calc(${Taro.pxTransform(fontPx)} * var(--k, 1))` }}>
              <RichText nodes={nodes as any} />
            </View>
            <View className="mz-article__actions">
              <Button className="btn-plain mz-article__btn" onClick={toggleFavorite} disabled={data.offline}>
                {data.favorite ? '★ 已收藏' : '☆ 收藏'}
              </Button>
              {process.env.TARO_ENV === 'weapp' ? (
                <Button className="btn-plain mz-article__btn" openType="share">
                  分享给亲友
                </Button>
              ) : (
                <Button className="btn-plain mz-article__btn" onClick={shareH5}>
                  分享给亲友
                </Button>
              )}
            </View>
            <View className="mz-article__nav">
              {data.prevId ? (
                <Text className="tap-link" onClick={() => open(data.prevId!)}>
                  ‹ 上一篇
                </Text>
              ) : (
                <Text />
              )}
              {data.nextId ? (
                <Text className="tap-link" onClick={() => open(data.nextId!)}>
                  下一篇 ›
                </Text>
              ) : (
                <Text />
              )}
            </View>
            {data.article.sample && <Text className="hint mz-article__sample">示例内容，仅供演示</Text>}
          </>
        )}
      </StateView>
    </Screen>
  );
}
