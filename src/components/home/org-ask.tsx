import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Button } from '@tarojs/components';
import OrgPicker from '../org-picker';
import { call } from '../../services/api';
import { PICK_ORG_URL } from '../../services/fixes';
import { feedback } from '../../services/feedback';

const SKIPPED_KEY = 'orgAsk.skipped';

/**
 * First use, after the privacy notice: 您在哪个单位？ with a search box over the org tree. Skippable; a member
 * who skips can choose later in 编辑资料 (and a quiz that needs it says so, with the button).
 */
export default function OrgAsk({ onSaved }: { onSaved: () => void }) {
  const [skipped, setSkipped] = useState(() => !!Taro.getStorageSync(SKIPPED_KEY));
  if (skipped) return null;
  const skip = () => {
    Taro.setStorageSync(SKIPPED_KEY, '1');
    setSkipped(true);
  };
  const pick = async (o: { id: string; name: string }) => {
    try {
      await call('member.update', { orgId: o.id }, { loading: '正在保存' });
      feedback.toast(`已选择${o.name}`, 1500);
      onSaved();
    } catch {
      // the toast said why; the question stays
    }
  };
  return (
    <View className="card home__org-ask" role="region" aria-label="选择所在单位">
      <Text className="card-title">您在哪个单位？</Text>
      <Text className="muted home__org-ask-why">选好后，首页会显示本地的活动、课堂和竞赛。输入单位名称里的字就能找到。</Text>
      <OrgPicker onPick={pick} searchOnly />
      <View className="home__org-ask-actions">
        <Button className="btn-plain home__org-walk" onClick={() => Taro.navigateTo({ url: PICK_ORG_URL })}>
          逐级选择
        </Button>
        <Button className="btn-plain home__org-skip" onClick={skip}>
          跳过，以后再选
        </Button>
      </View>
    </View>
  );
}
