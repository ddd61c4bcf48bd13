import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Input, Textarea, Button } from '@tarojs/components';
import OrgPicker from '../../../components/org-picker';
import StateView from '../../../components/state-view';
import { useAction } from '../../../hooks/useAction';
import { useMember } from '../../../hooks/useMember';
import { call, type ApiCallError } from '../../../services/api';
import { QUIZ_CAMPAIGN_FIELD_LABELS as L, readableRefusal } from '@contracts/field-labels';
import CoverPicker from '../components/media/cover-picker';
import DateTimeField from '../components/form/date-time-field';
import { Field, FormError } from '../components/form/field';
import '../../quiz/index.css';
import Screen from '../../../components/screen';
import { chinaDay, chinaInstant } from '@contracts/china-time';

const beijingDate = (iso: string) => chinaDay(iso);

export default function AdminQuizEditPage() {
  const id = Number(useRouter().params.id) || undefined;
  const { member } = useMember();
  const { data, error, loading, reload } = useAction('quiz.admin.campaigns', {});
  const [f, setF] = useState({
    title: '',
    description: '',
    orgId: '',
    opens: '',
    closes: '',
    minutes: '10',
    perDay: '3',
    total: '10',
    passMark: '60',
    showReview: true,
  });
  const [draws, setDraws] = useState<Record<string, string>>({});
  const [cover, setCover] = useState<string | null>(null);
  const [orgName, setOrgName] = useState('');
  // While choosing the campaign's organisation: which of my admin orgs the drill-down starts from.
  const [pickFrom, setPickFrom] = useState<number | null>(null);
  // By payload path, each shown under its field; '' for the rest.
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    if (!data) return;
    const c = id ? data.campaigns.find((x) => x.id === id) : undefined;
    if (c) {
      setF({
        title: c.title,
        description: c.description,
        orgId: c.orgId,
        opens: beijingDate(c.opensAt),
        closes: beijingDate(c.closesAt),
        minutes: String(Math.round(c.timeLimitSec / 60)),
        perDay: String(c.attemptsPerDay),
        total: String(c.attemptsTotal),
        passMark: String(c.passMark),
        showReview: c.showReview,
      });
      setDraws(Object.fromEntries(c.draws.map((d) => [d.bankId, String(d.count)])));
      setCover(c.cover);
      setOrgName(c.orgName);
    } else if (member?.adminOrgs[0]) {
      const first = member.adminOrgs[0];
      setF((x) => (x.orgId ? x : { ...x, orgId: first.id }));
      setOrgName((n) => n || first.name);
    }
  }, [data, member, id]);

  const set = (k: keyof typeof f) => (e: { detail: { value: string } }) => setF((x) => ({ ...x, [k]: e.detail.value }));
  const save = async () => {
    if (f.opens && f.closes && f.closes < f.opens) {
      setErrors({ closesAt: '结束日期不能早于开始日期' });
      return;
    }
    const payload = {
      ...(id ? { id } : {}),
      title: f.title,
      description: f.description,
      cover,
      orgId: f.orgId,
      draws: Object.entries(draws)
        .filter(([, n]) => Number(n) > 0)
        .map(([bankId, n]) => ({ bankId, count: Number(n) })),
      opensAt: chinaInstant(f.opens),
      closesAt: chinaInstant(f.closes, '23:59:59'),
      timeLimitSec: Math.round(Number(f.minutes) * 60),
      attemptsPerDay: Number(f.perDay),
      attemptsTotal: Number(f.total),
      passMark: Number(f.passMark),
      showReview: f.showReview,
    };
    setErrors({});
    try {
      await call('quiz.admin.saveCampaign', payload, { loading: '正在保存…', quiet: true });
      Taro.showToast({ title: '已保存', icon: 'success' });
      setTimeout(() => Taro.navigateBack(), 600);
    } catch (e) {
      const r = readableRefusal(L, (e as ApiCallError).message, (e as ApiCallError).field);
      setErrors({ [r.field?.replace(/^draws\..*$/, 'draws') ?? '']: r.text });
      Taro.showToast({ title: '请按红字修改', icon: 'none' });
    }
  };

  /** A text field; `path` is the payload path its refusals come back under. */
  const field = (label: string, k: keyof typeof f, placeholder = '', type: 'text' | 'number' = 'text', path: string = k) => (
    <Field name={path} label={label} error={errors[path]}>
      <Input
        className="field-input"
        name={k}
        nativeProps={{ 'aria-label': label }}
        type={type}
        value={String(f[k])}
        placeholder={placeholder}
        onInput={set(k)}
      />
    </Field>
  );
  const roots = member?.adminOrgs ?? [];
  if (pickFrom !== null && roots[pickFrom])
    return (
      <Screen className="page admin-quiz-edit">
        <Text className="card-title">选择面向单位（本单位或下级单位）</Text>
        {roots.length > 1 && (
          <View className="row">
            {roots.map((o, i) => (
              <Text key={o.id} className={`link quiz-root${i === pickFrom ? ' quiz-root--on' : ''}`} onClick={() => setPickFrom(i)}>
                {o.name}
              </Text>
            ))}
          </View>
        )}
        <OrgPicker
          key={roots[pickFrom].id}
          root={roots[pickFrom]}
          onPick={(o) => {
            setF((x) => ({ ...x, orgId: o.id }));
            setOrgName(o.name);
            setPickFrom(null);
          }}
        />
        <Button className="btn-plain" style={{ marginTop: '24px' }} onClick={() => setPickFrom(null)}>
          取消
        </Button>
      </Screen>
    );

  return (
    <Screen className="page admin-quiz-edit">
      <StateView loading={loading && !data} error={data ? undefined : error} onRetry={reload}>
        <View className="card">
          {field(L.title, 'title', '如：优生优育进万家知识竞赛')}
          <Field name="description" label={L.description} error={errors.description}>
            <Textarea
              className="field-input"
              name="description"
              nativeProps={{ 'aria-label': L.description }}
              value={f.description}
              maxlength={500}
              onInput={set('description')}
            />
          </Field>
          <CoverPicker value={cover} onChange={setCover} />
          <View className="field">
            <Text className="field-label">面向单位（本单位及所有下级单位的会员均可参加）</Text>
            <View className="row">
              <Text className="quiz-org-name">{orgName || '未选择'}</Text>
              <Text className="link" onClick={() => setPickFrom(0)}>
                更换 ›
              </Text>
            </View>
          </View>
          <DateTimeField
            dateOnly
            name="opensAt"
            label={L.opensAt}
            value={f.opens}
            onChange={(v) => setF((x) => ({ ...x, opens: v }))}
            error={errors.opensAt}
            hint="当天 0 时开始"
          />
          <DateTimeField
            dateOnly
            name="closesAt"
            label={L.closesAt}
            value={f.closes}
            onChange={(v) => setF((x) => ({ ...x, closes: v }))}
            error={errors.closesAt}
            hint="当天 24 时结束"
          />
          {field(`${L.timeLimitSec}（分钟）`, 'minutes', '10', 'number', 'timeLimitSec')}
          {field(L.attemptsPerDay, 'perDay', '3', 'number', 'attemptsPerDay')}
          {field(L.attemptsTotal, 'total', '10', 'number', 'attemptsTotal')}
          {field(`${L.passMark}（满分 100）`, 'passMark', '60', 'number', 'passMark')}
          <Field name="showReview" label="交卷后公布答案与解析">
            <View className="aform__chips">
              {[true, false].map((on) => (
                <Button
                  key={String(on)}
                  className={`aform__chip ${f.showReview === on ? 'aform__chip--on' : ''}`}
                  onClick={() => setF((x) => ({ ...x, showReview: on }))}
                >
                  {on ? '公布' : '不公布'}
                </Button>
              ))}
            </View>
          </Field>
        </View>
        <View className="card" data-field="draws">
          <Text className="card-title">抽题（每次答题从各题库随机抽取）</Text>
          {errors.draws && <Text className="field-error">{errors.draws}</Text>}
          {data?.banks.map((b) => (
            <View key={b.id} className="field row">
              <Text style={{ flex: 1 }}>{`${b.title}（共 ${b.questionCount} 题）`}</Text>
              <Input
                className="field-input"
                style={{ width: '160px' }}
                type="number"
                name={`draw-${b.id}`}
                nativeProps={{ 'aria-label': `从“${b.title}”抽取的题数` }}
                value={draws[b.id] ?? ''}
                placeholder="0"
                onInput={(e) => setDraws((d) => ({ ...d, [b.id]: e.detail.value }))}
              />
            </View>
          ))}
        </View>
        <FormError message={errors['']} />
        <Button className="btn-primary quiz-submit" onClick={save}>
          保存
        </Button>
      </StateView>
    </Screen>
  );
}
