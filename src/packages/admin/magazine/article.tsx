import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Input, Textarea, Button } from '@tarojs/components';
import { MAGAZINE_COLUMNS } from '@contracts/magazine-format';
import StateView from '../../../components/state-view';
import { call, ApiCallError } from '../../../services/api';
import InsertImageButton from '../components/media/insert-image';
import './index.css';
import Screen from '../../../components/screen';

interface Form {
  title: string;
  author: string;
  column: string;
  summary: string;
  bodyMd: string;
  seq: string;
}

const BLANK: Form = { title: '', author: '本刊编辑部', column: MAGAZINE_COLUMNS[0], summary: '', bodyMd: '', seq: '' };

/** 添加 / 编辑 one article: title, author, 栏目, summary, Markdown body with uploaded pictures, its place in the TOC. */
export default function AdminMagazineArticlePage() {
  const params = useRouter().params;
  const issueId = Number(params.issueId ?? 0);
  const [id, setId] = useState(Number(params.id ?? 0));
  const [f, setF] = useState<Form>(BLANK);
  const [loaded, setLoaded] = useState(!params.id);
  const [loadError, setLoadError] = useState<ApiCallError>();
  const [error, setError] = useState('');
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((x) => ({ ...x, [k]: v }));

  const load = async () => {
    if (!id) return;
    setLoadError(undefined);
    try {
      const d = await call('magazine.admin.issue', { issueId }, { quiet: true });
      const a = d.articles.find((x) => x.id === id);
      if (!a) throw new ApiCallError('NOT_FOUND', '这篇文章不存在或已被删除', 404);
      setF({ title: a.title, author: a.author, column: a.column, summary: a.summary, bodyMd: a.bodyMd, seq: String(a.seq) });
      setLoaded(true);
    } catch (e) {
      setLoadError(e as ApiCallError);
    }
  };
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per page: load is a new function every render
  }, []);

  const save = async () => {
    setError('');
    const seq = f.seq.trim() ? Number(f.seq) : undefined;
    if (seq !== undefined && (!Number.isInteger(seq) || seq < 1 || seq > 99)) return setError('目录顺序请填 1 到 99 的整数');
    try {
      const r = await call(
        'magazine.admin.saveArticle',
        {
          issueId,
          ...(id ? { articleId: id } : {}),
          ...(seq ? { seq } : {}),
          title: f.title,
          author: f.author,
          column: f.column,
          summary: f.summary,
          bodyMd: f.bodyMd,
        },
        { loading: '正在保存', quiet: true },
      );
      setId(r.id);
      set('seq', String(r.seq));
      Taro.showToast({ title: `已保存，约 ${r.readingMinutes} 分钟读完`, icon: 'none' });
      setTimeout(() => Taro.navigateBack(), 700);
    } catch (e) {
      setError((e as ApiCallError).message);
    }
  };

  const remove = async () => {
    const ok = await Taro.showModal({
      title: '删除这篇文章？',
      content: '删除后会员就看不到它了，读者的进度也一并删除。',
      confirmText: '删除',
      cancelText: '取消',
    });
    if (!ok.confirm) return;
    try {
      await call('magazine.admin.deleteArticle', { articleId: id }, { loading: '正在删除', quiet: true });
      Taro.showToast({ title: '已删除', icon: 'none' });
      setTimeout(() => Taro.navigateBack(), 600);
    } catch (e) {
      setError((e as ApiCallError).message);
    }
  };

  const text = (k: keyof Form, label: string, placeholder = '') => (
    <View className="field">
      <Text className="field-label">{label}</Text>
      <Input
        className="field-input"
        name={k}
        nativeProps={{ 'aria-label': label }}
        value={f[k]}
        placeholder={placeholder}
        onInput={(e) => set(k, e.detail.value)}
      />
    </View>
  );

  return (
    <Screen className="page">
      <StateView loading={!loaded && !loadError} error={loaded ? undefined : loadError} onRetry={load}>
        <View className="card">
          <Text className="card-title">{id ? '编辑文章' : '添加文章'}</Text>
          {text('title', '标题', '如：冬季护理小宝宝')}
          {text('author', '作者', '本刊编辑部')}
          <View className="field">
            <Text className="field-label">栏目</Text>
            <View className="amz__chips">
              {MAGAZINE_COLUMNS.map((c) => (
                <Text key={c} className={`amz__chip ${f.column === c ? 'amz__chip--on' : ''}`} onClick={() => set('column', c)}>
                  {c}
                </Text>
              ))}
            </View>
          </View>
          <View className="field">
            <Text className="field-label">摘要</Text>
            <Textarea
              className="amz__textarea amz__short"
              name="summary"
              nativeProps={{ 'aria-label': '摘要' }}
              value={f.summary}
              maxlength={300}
              onInput={(e) => set('summary', e.detail.value)}
            />
          </View>
          <View className="field">
            <Text className="field-label">正文</Text>
            <Text className="amz__help">空一行分段；“## 小标题”是小标题；“- ”开头是列表；**加粗**。图片用下面的“插入图片”上传。</Text>
            <Textarea
              className="amz__textarea"
              name="bodyMd"
              nativeProps={{ 'aria-label': '正文' }}
              value={f.bodyMd}
              maxlength={30000}
              onInput={(e) => set('bodyMd', e.detail.value)}
            />
            <InsertImageButton onInsert={(md) => set('bodyMd', `${f.bodyMd.trimEnd()}\n\n${md}\n\n`)} />
          </View>
          {text('seq', '目录顺序（选填，1 为第一篇）', '不填则排在最后')}
          {error && <Text className="field-error">{error}</Text>}
          <View className="amz__actions">
            <Button className="btn-primary" onClick={save}>
              保存文章
            </Button>
            {id > 0 && (
              <Button className="btn-danger" onClick={remove}>
                删除
              </Button>
            )}
          </View>
        </View>
      </StateView>
    </Screen>
  );
}
