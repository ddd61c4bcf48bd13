import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Button } from '@tarojs/components';
import { ageRangeText, cancelPolicyText, classTime, seatLine, REGISTRATION_STATUS_LABEL } from '@contracts/classes-format';
import StateView from '../../components/state-view';
import { useAction } from '../../hooks/useAction';
import { call, ApiCallError } from '../../services/api';
import RegForm from './components/reg-form';
import { askClassSubscriptions } from './subscribe';
import FixButton from '../../components/fix-button';
import './classes.css';
import Screen from '../../components/screen';
import Markdown from '../../components/markdown';

export default function ClassDetailPage() {
  const id = Number(useRouter().params.id);
  const detail = useAction('class.get', { classId: id });
  const c = detail.data;
  const [values, setValues] = useState<Record<string, string>>({});
  const [childAge, setChildAge] = useState('');
  const [error, setError] = useState('');
  const [errorCode, setErrorCode] = useState<string>();
  const [busy, setBusy] = useState(false);

  // The form starts from the prefill once per class (not again on each reload of the same class).
  const [prefilledFor, setPrefilledFor] = useState<number>();
  if (c && c.id !== prefilledFor) {
    setPrefilledFor(c.id);
    setValues(Object.fromEntries(Object.entries(c.prefill.answers).map(([k, v]) => [k, String(v)])));
    setChildAge(c.prefill.childAge !== null ? String(c.prefill.childAge) : '');
  }

  const ageRange = c ? ageRangeText(c.ageMin, c.ageMax) : null;
  const askAge = ageRange !== null;

  const register = async () => {
    if (!c) return;
    setError('');
    setErrorCode(undefined);
    // Asks for permission to send the promotion and reminder notices (weapp, when templates are configured).
    await askClassSubscriptions();
    setBusy(true);
    try {
      const answers: Record<string, string | number> = {};
      for (const f of c.fields) {
        const v = (values[f.id] ?? '').trim();
        if (v !== '') answers[f.id] = f.type === 'number' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
      }
      const age = childAge.trim() === '' ? null : Number(childAge);
      const r = await call(
        'class.register',
        { classId: c.id, answers, ...(askAge ? { childAge: age !== null && Number.isInteger(age) ? age : null } : {}) },
        { loading: '正在报名', quiet: true },
      );
      Taro.showToast({ title: r.status === 'confirmed' ? '报名成功' : `已候补第 ${r.position} 位`, icon: 'none' });
      await detail.reload();
    } catch (e) {
      setError((e as ApiCallError).message);
      setErrorCode((e as ApiCallError).code);
      // Names and phones in the form are kept only after the privacy consent: take the member to it.
      if ((e as ApiCallError).code === 'CONSENT_REQUIRED') Taro.navigateTo({ url: '/pages/privacy/index' });
    } finally {
      setBusy(false);
    }
  };

  const mine = c?.myRegistration;
  return (
    <Screen className="page class-detail">
      <StateView loading={detail.loading && !c} error={c ? undefined : detail.error} onRetry={detail.reload}>
        {c && (
          <View>
            <View className="card">
              <Text className="card-title">{c.title}</Text>
              <Text className="detail-row">主题：{c.topic}</Text>
              <Text className="detail-row">老师：{c.teacher}</Text>
              <Text className="detail-row">时间：{classTime(c.startsAt)}</Text>
              {c.venue && (
                <Text className="detail-row">
                  地点：{c.venue.name}
                  {c.venue.address ? `（${c.venue.address}）` : ''}
                </Text>
              )}
              {c.onlineUrl && (
                <Text className="detail-row">
                  {c.venue ? '线上直播' : '线上课堂'}：{c.onlineUrl}
                </Text>
              )}
              <Text className="detail-row">主办：{c.org.name}</Text>
              {ageRange && <Text className="detail-row">适合：孩子 {ageRange}的家长</Text>}
              <Text className="detail-row">
                名额：{c.capacity} 人 · {seatLine(c)}
              </Text>
              <Text className="detail-row">取消规则：{cancelPolicyText(c.cancelHours)}</Text>
              {c.description && (
                <View className="detail-desc">
                  <Markdown source={c.description} />
                </View>
              )}
            </View>
            {mine ? (
              <View className="card">
                <Text className="muted">我的报名</Text>
                <Text className={`status-big status-big--${mine.status}`}>
                  {REGISTRATION_STATUS_LABEL[mine.status]}
                  {mine.status === 'waitlisted' ? ` · 第 ${mine.position} 位` : ''}
                </Text>
                <Button className="btn-primary" onClick={() => Taro.redirectTo({ url: '/packages/classes/mine' })}>
                  查看入场码
                </Button>
              </View>
            ) : c.registration !== 'open' ? (
              <View className="card">
                <Text className="state-title">{c.registration === 'notYet' ? '报名尚未开始' : '报名已截止'}</Text>
              </View>
            ) : (
              <View className="card">
                <Text className="card-title">填写报名信息</Text>
                <RegForm
                  fields={c.fields}
                  values={values}
                  askAge={askAge}
                  ageHint={ageRange ?? ''}
                  childAge={childAge}
                  error={error}
                  onChange={(k, v) => {
                    setValues((s) => ({ ...s, [k]: v }));
                    setError(''); // an answered problem no longer shows
                  }}
                  onAge={(v) => {
                    setChildAge(v);
                    setError('');
                  }}
                />
                <FixButton error={{ code: errorCode }} className="btn-plain fix-button" />
                <Button className="btn-primary" style={{ marginTop: '16px' }} disabled={busy} onClick={register}>
                  {c.confirmedCount >= c.capacity ? (c.waitlistOpen ? '报名候补' : '名额已满') : '提交报名'}
                </Button>
              </View>
            )}
          </View>
        )}
      </StateView>
    </Screen>
  );
}
