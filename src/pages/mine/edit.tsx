import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Input, Button } from '@tarojs/components';
import { PRIVACY_NOTICE_VERSION } from '@contracts/privacy';
import OrgPicker from '../../components/org-picker';
import StateView from '../../components/state-view';
import { useAction } from '../../hooks/useAction';
import { call, ApiCallError } from '../../services/api';
import './edit.css';
import Screen from '../../components/screen';

export default function EditProfilePage() {
  const me = useAction('member.me', {});
  // Opened from a refusal's 去设置所在单位: straight to the picker, and the choice is saved at once.
  const pickOnly = useRouter().params.pickOrg === '1';
  const [nickname, setNickname] = useState('');
  const [realName, setRealName] = useState('');
  const [phone, setPhone] = useState('');
  const [org, setOrg] = useState<{ id: string; name: string } | null>(null);
  const [picking, setPicking] = useState(pickOnly);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState('');

  useEffect(() => {
    if (!me.data) return;
    setNickname(me.data.nickname);
    setRealName(me.data.realName ?? '');
    setPhone(me.data.phone ?? '');
    setOrg(me.data.org);
    // Filled once per member: a reload on return must not overwrite what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [me.data?.id]);

  const consented = me.data?.consentVersion === PRIVACY_NOTICE_VERSION;
  const wantsPersonal = realName.trim() !== '' || phone.trim() !== '';

  const save = async () => {
    setFormError('');
    setSaving(true);
    try {
      await call(
        'member.update',
        { nickname: nickname.trim(), realName: realName.trim() || null, phone: phone.trim() || null, orgId: org?.id ?? null },
        { loading: '正在保存', quiet: true },
      );
      Taro.showToast({ title: '已保存', icon: 'success' });
      setTimeout(() => Taro.navigateBack(), 600);
    } catch (e) {
      setFormError((e as ApiCallError).message);
    } finally {
      setSaving(false);
    }
  };

  const saveOrg = async (o: { id: string; name: string }) => {
    try {
      await call('member.update', { orgId: o.id }, { loading: '正在保存' });
      Taro.showToast({ title: `已选择${o.name}`, icon: 'none' });
      setTimeout(() => Taro.navigateBack(), 800);
    } catch {
      // the toast said why
    }
  };

  if (picking)
    return (
      <Screen className="page">
        <Text className="card-title">选择所在单位</Text>
        <OrgPicker
          initialParentId={me.data?.orgPath.length ? (me.data.orgPath[me.data.orgPath.length - 2]?.id ?? null) : null}
          onPick={(o) => {
            if (pickOnly) return void saveOrg(o);
            setOrg({ id: o.id, name: o.name });
            setPicking(false);
          }}
        />
        <Button className="btn-plain" style={{ marginTop: '24px' }} onClick={() => (pickOnly ? Taro.navigateBack() : setPicking(false))}>
          取消
        </Button>
      </Screen>
    );

  return (
    <Screen className="page edit">
      <StateView loading={me.loading && !me.data} error={me.data ? undefined : me.error} onRetry={me.reload}>
        <View className="card">
          <View className="field">
            <Text className="field-label">昵称</Text>
            <Input
              className="field-input"
              name="nickname"
              value={nickname}
              maxlength={20}
              placeholder="请输入昵称"
              onInput={(e) => setNickname(e.detail.value)}
            />
          </View>
          <View className="field">
            <Text className="field-label">真实姓名（选填）</Text>
            <Input
              className="field-input"
              name="realName"
              value={realName}
              maxlength={20}
              placeholder="报名、签到时用于核对"
              onInput={(e) => setRealName(e.detail.value)}
            />
          </View>
          <View className="field">
            <Text className="field-label">手机号（选填）</Text>
            <Input
              className="field-input"
              name="phone"
              type="number"
              value={phone}
              maxlength={11}
              placeholder="11 位手机号"
              onInput={(e) => setPhone(e.detail.value)}
            />
          </View>
          <View className="field edit__org" onClick={() => setPicking(true)}>
            <Text className="field-label">所在单位</Text>
            <View className="row">
              <Text className="edit__org-name">{org?.name ?? '请选择'}</Text>
              <Text className="link">选择 ›</Text>
            </View>
          </View>
        </View>
        {wantsPersonal && !consented && (
          <View className="card edit__consent">
            <Text className="muted">保存姓名或手机号前，需要您先阅读并同意《个人信息保护说明》。</Text>
            <Button className="btn-plain" style={{ marginTop: '16px' }} onClick={() => Taro.navigateTo({ url: '/pages/privacy/index' })}>
              去阅读并同意
            </Button>
          </View>
        )}
        {formError && <Text className="field-error">{formError}</Text>}
        <Button className={`btn-primary ${saving ? 'btn-off' : ''}`} style={{ marginTop: '32px' }} disabled={saving} onClick={save}>
          保存
        </Button>
      </StateView>
    </Screen>
  );
}
