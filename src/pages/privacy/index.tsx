import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Button } from '@tarojs/components';
import { PRIVACY_NOTICE, PRIVACY_NOTICE_VERSION } from '@contracts/privacy';
import { call } from '../../services/api';
import './index.css';
import Screen from '../../components/screen';

export default function PrivacyPage() {
  const router = useRouter();
  const first = router.params.first === '1';
  const [agreed, setAgreed] = useState(false);

  const agree = async () => {
    await call('member.consent', { version: PRIVACY_NOTICE_VERSION }, { loading: '正在保存' });
    setAgreed(true);
    Taro.showToast({ title: '感谢您的信任', icon: 'success' });
    setTimeout(() => Taro.navigateBack(), 600);
  };

  return (
    <Screen className="page privacy">
      <View className="card">
        <Text className="card-title">{PRIVACY_NOTICE.title}</Text>
        <Text className="privacy__p">{PRIVACY_NOTICE.intro}</Text>
        {PRIVACY_NOTICE.items.map((it) => (
          <View key={it.what} className="privacy__item">
            <Text className="privacy__what">{it.what}</Text>
            <Text className="privacy__why">{it.why}</Text>
          </View>
        ))}
        <Text className="privacy__p">{PRIVACY_NOTICE.rights}</Text>
        <Text className="hint">版本 {PRIVACY_NOTICE_VERSION}</Text>
      </View>
      <Button className={`btn-primary ${agreed ? 'btn-off' : ''}`} disabled={agreed} onClick={agree}>
        同意并继续
      </Button>
      <Button className="btn-plain" style={{ marginTop: '20px' }} onClick={() => Taro.navigateBack()}>
        {first ? '暂不同意（不填写姓名和手机号）' : '返回'}
      </Button>
    </Screen>
  );
}
