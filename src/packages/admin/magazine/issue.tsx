import { useEffect, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { View, Text, Input, Textarea, Button } from '@tarojs/components';
import type { AdminIssueDetail } from '@contracts/magazine';
import { COVER_NAMES, coverColor } from '@contracts/magazine-format';
import OrgPicker from '../../../components/org-picker';
import StateView from '../../../components/state-view';
import { useMember } from '../../../hooks/useMember';
import { call, ApiCallError } from '../../../services/api';
import CoverPicker from '../components/media/cover-picker';
import { fromLocal, toLocal } from './time';
import './index.css';
import Screen from '../../../components/screen';

interface Form {
  year: string;
  number: string;
  title: string;
  cover: string;
  intro: string;
  publishAt: string;
}

function blank(): Form {
  const now = new Date();
  return {
    year: String(now.getFullYear()),
    number: '',
    title: '',
    cover: 'grassland',
    intro: '',
    publishAt: toLocal(new Date(Date.now() + 86400_000).toISOString()).slice(0, 11) + '08:00',
  };
}

/** 新建 / 编辑 one issue of 《人生》: its own fields, then its articles (添加 / 编辑 / 删除). */
export default function AdminMagazineIssuePage() {
  const routeId = Number(useRouter().params.id ?? 0);
  const [issueId, setIssueId] = useState(routeId);
  const { member } = useMember();
  const [org, setOrg] = useState<{ id: string; name: string } | null>(null);
  const [picking, setPicking] = useState(false);
  const [f, setF] = useState<Form>(blank);
  const [detail, setDetail] = useState<AdminIssueDetail>();
  const [loadError, setLoadError] = useState<ApiCallError>();
  const [error, setError] = useState('');
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((x) => ({ ...x, [k]: v }));

  const firstOrg = member?.adminOrgs[0];
  useEffect(() => {
    if (!org && !routeId && firstOrg) setOrg(firstOrg);
  }, [org, routeId, firstOrg]);

  const load = async () => {
    if (!issueId) return;
    setLoadError(undefined);
    try {
      const d = await call('magazine.admin.issue', { issueId }, { quiet: true });
      setDetail(d);
      setOrg({ id: d.issue.orgId, name: d.issue.orgName });
      setF({
        year: String(d.issue.year),
        number: String(d.issue.number),
        title: d.issue.title,
        cover: d.issue.cover,
        intro: d.issue.intro,
        publishAt: toLocal(d.issue.publishAt),
      });
    } catch (e) {
      setLoadError(e as ApiCallError);
    }
  };
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per issue: load is a new function every render
  }, [issueId]);
  // back from an article: refresh the list
  useDidShow(() => {
    if (issueId && detail) void load();
  });

  const save = async () => {
    setError('');
    if (!org) return setError('请选择发布单位');
    const publishAt = fromLocal(f.publishAt);
    if (!publishAt) return setError('发布时间请按“2026-12-01 08:00”的格式填写（北京时间）');
    const year = Number(f.year);
    const number = Number(f.number);
    if (!Number.isInteger(year) || !f.year.trim()) return setError('请填写年份，如 2026');
    if (!Number.isInteger(number) || !f.number.trim()) return setError('请填写期号，如 1');
    try {
      const r = await call(
        'magazine.admin.saveIssue',
        { ...(issueId ? { issueId } : {}), orgId: org.id, year, number, title: f.title, cover: f.cover, intro: f.intro, publishAt },
        { loading: '正在保存', quiet: true },
      );
      Taro.showToast({ title: r.published ? '已保存，会员现在就能看到' : '已保存，到发布时间自动出现', icon: 'none' });
      if (!issueId) setIssueId(r.id);
      else void load();
    } catch (e) {
      setError((e as ApiCallError).message);
    }
  };

  if (picking)
    return (
      <View className="page">
        <Text className="card-title">选择发布单位</Text>
        <OrgPicker root={member?.adminOrgs[0]} onPick={(o) => (setOrg(o), setPicking(false))} />
        <Button className="btn-plain" style={{ marginTop: '24px' }} onClick={() => setPicking(false)}>
          取消
        </Button>
      </View>
    );

  const text = (k: keyof Form, label: string, placeholder = '', type: 'text' | 'number' = 'text') => (
    <View className="field">
      <Text className="field-label">{label}</Text>
      <Input
        className="field-input"
        name={k}
        type={type}
        nativeProps={{ 'aria-label': label }}
        value={f[k]}
        placeholder={placeholder}
        onInput={(e) => set(k, e.detail.value)}
      />
    </View>
  );
  const uploaded = f.cover.startsWith('/media/');
  const go = (url: string) => Taro.navigateTo({ url });

  return (
    <Screen className="page">
      <StateView loading={!!issueId && !detail && !loadError} error={detail ? undefined : loadError} onRetry={load}>
        <View className="card">
          <Text className="card-title">{issueId ? '编辑本期' : '新建一期'}</Text>
          <View className="field">
            <Text className="field-label">发布单位（本单位及下级会员可见）</Text>
            <View className="row">
              <Text>{org?.name ?? '未选择'}</Text>
              <Text className="link" onClick={() => setPicking(true)}>
                更换 ›
              </Text>
            </View>
          </View>
          {text('year', '年份', '2026', 'number')}
          {text('number', '期号', '1', 'number')}
          {text('title', '本期标题', '如：冬日暖家 健康过年')}
          {text('publishAt', '发布时间（北京时间）', '2026-12-01 08:00')}
          <View className="field">
            <Text className="field-label">导读（选填）</Text>
            <Textarea
              className="amz__textarea amz__short"
              name="intro"
              nativeProps={{ 'aria-label': '导读' }}
              value={f.intro}
              maxlength={500}
              onInput={(e) => set('intro', e.detail.value)}
            />
          </View>
          <View className="field">
            <Text className="field-label">封面颜色</Text>
            <View className="amz__chips">
              {COVER_NAMES.map((c) => (
                <View
                  key={c}
                  className={`amz__swatch ${f.cover === c ? 'amz__swatch--on' : ''}`}
                  style={{ background: coverColor(c) }}
                  onClick={() => set('cover', c)}
                />
              ))}
            </View>
          </View>
          <CoverPicker label="或上传封面图片（选填）" value={uploaded ? f.cover : null} onChange={(url) => set('cover', url ?? 'grassland')} />
          {error && <Text className="field-error">{error}</Text>}
          <Button className="btn-primary" onClick={save}>
            {issueId ? '保存本期' : '创建本期'}
          </Button>
        </View>
        {issueId > 0 && (
          <View className="card">
            <Text className="card-title">{`本期文章（${detail?.articles.length ?? 0}）`}</Text>
            {detail?.articles.length === 0 && <Text className="muted">还没有文章，点下面的“添加文章”。</Text>}
            {detail?.articles.map((a) => (
              <View key={a.id} className="amz__item amz-article" onClick={() => go(`/packages/admin/magazine/article?issueId=${issueId}&id=${a.id}`)}>
                <View className="amz__item-main">
                  <Text className="amz__item-title">{`${a.seq}. ${a.title}`}</Text>
                  <Text className="hint">{`${a.column} · ${a.author} · 约 ${a.readingMinutes} 分钟`}</Text>
                </View>
                <Text className="link">编辑 ›</Text>
              </View>
            ))}
            <Button className="btn-plain" onClick={() => go(`/packages/admin/magazine/article?issueId=${issueId}`)}>
              添加文章
            </Button>
          </View>
        )}
      </StateView>
    </Screen>
  );
}
