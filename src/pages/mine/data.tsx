import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Input, Button } from '@tarojs/components';
import StateView from '../../components/state-view';
import { useAction } from '../../hooks/useAction';
import { call, ApiCallError } from '../../services/api';
import { sessionToken } from '../../services/session';
import './data.css';
import Screen from '../../components/screen';
import { chinaDateTime } from '@contracts/china-time';
import { LOGIN_PAGE } from '../../services/login-return';

/** Stored times are UTC ISO strings; members read them on the Beijing clock. */
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
function shown(v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string' && ISO.test(v) && !Number.isNaN(Date.parse(v))) {
    return chinaDateTime(v);
  }
  return String(v);
}

/** Everything stored about me, and account deletion (个人信息保护法 第四十五、四十七条). */
export default function MyDataPage() {
  const data = useAction('member.exportData', {});
  const [confirm, setConfirm] = useState('');
  const [deleteError, setDeleteError] = useState('');
  const d = data.data;

  const remove = async () => {
    const { confirm: ok } = await Taro.showModal({
      title: '确认注销',
      content: '注销后您的个人信息、积分与记录将被删除且无法恢复。',
      confirmText: '注销',
      confirmColor: '#b00020',
    });
    if (!ok) return;
    try {
      await call('member.delete', { confirm: confirm as '注销' }, { loading: '正在注销', quiet: true });
      sessionToken.clear();
      Taro.showToast({ title: '账号已注销', icon: 'success' });
      setTimeout(() => Taro.reLaunch({ url: LOGIN_PAGE }), 800);
    } catch (e) {
      setDeleteError((e as ApiCallError).message);
    }
  };

  const row = (label: string, value: string | number | null | undefined, key = label, valueClass = '') => (
    <View className="data__row" key={key}>
      <Text className="data__label">{label}</Text>
      <Text className={`data__value ${valueClass}`}>{shown(value)}</Text>
    </View>
  );

  return (
    <Screen className="page data">
      <StateView loading={data.loading} error={data.error} onRetry={data.reload}>
        {d && (
          <>
            <View className="card">
              <Text className="card-title">基本信息</Text>
              {row('昵称', d.profile.nickname)}
              {row('真实姓名', d.profile.realName)}
              {row('手机号', d.profile.phone)}
              {row('所在单位', d.profile.orgPath.map((o) => o.name).join(' › '))}
              {row('积分', d.profile.points)}
              {row('注册时间', d.profile.createdAt)}
            </View>
            <View className="card">
              <Text className="card-title">同意记录</Text>
              {d.consents.length === 0 ? (
                <Text className="muted">尚未同意《个人信息保护说明》</Text>
              ) : (
                d.consents.map((c, i) => row(`版本 ${c.version}`, c.agreedAt, `c${i}`))
              )}
            </View>
            <View className="card">
              <Text className="card-title">积分记录（{d.points.length} 条）</Text>
              {d.points.length === 0 ? (
                <Text className="muted">暂无积分记录</Text>
              ) : (
                d.points.map((p, i) => row(`${shown(p.createdAt).slice(0, 10)} ${p.reason}`, `${p.delta > 0 ? '+' : ''}${p.delta}`, `p${i}`, 'data__points'))
              )}
            </View>
            {d.sections.map((s) => (
              <View className="card" key={s.title}>
                <Text className="card-title">
                  {s.title}（{s.rows.length} 条）
                </Text>
                {s.rows.map((r, i) => (
                  <View className="data__record" key={i}>
                    {Object.entries(r)
                      .filter(([, v]) => v !== null && v !== '')
                      .map(([k, v]) => (
                        <Text className="data__field" key={k}>{`${k}：${shown(v)}`}</Text>
                      ))}
                  </View>
                ))}
              </View>
            ))}
            <View className="card data__delete">
              <Text className="card-title">注销账号</Text>
              <Text className="muted">将删除您的个人信息与记录；只保留不指向个人的统计数字。请在下方输入“注销”二字确认。</Text>
              <Input
                className="field-input"
                name="confirmDelete"
                style={{ marginTop: '16px' }}
                value={confirm}
                placeholder="输入“注销”"
                onInput={(e) => setConfirm(e.detail.value)}
              />
              {deleteError && <Text className="field-error">{deleteError}</Text>}
              <Button
                className={`btn-danger ${confirm !== '注销' ? 'btn-off' : ''}`}
                style={{ marginTop: '16px' }}
                disabled={confirm !== '注销'}
                onClick={remove}
              >
                注销账号
              </Button>
            </View>
          </>
        )}
      </StateView>
    </Screen>
  );
}
