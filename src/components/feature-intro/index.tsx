import { View, Text } from '@tarojs/components';

interface Props {
  title: string;
  lead: string;
  coming: string[];
}

/** The entry page of a feature that is still being built: says plainly what is coming. */
export default function FeatureIntro({ title, lead, coming }: Props) {
  return (
    <View className='page'>
      <View className='card'>
        <Text className='card-title'>{title}</Text>
        <Text className='muted'>{lead}</Text>
      </View>
      <View className='card'>
        <Text className='card-title'>即将上线</Text>
        {coming.map((c) => (
          <View key={c} style={{ padding: '12px 0', borderTop: '1px solid #f0f0f0' }}>
            <Text>· {c}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
