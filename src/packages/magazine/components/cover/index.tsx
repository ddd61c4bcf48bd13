import { View, Text } from '@tarojs/components';
import { coverColor } from '@contracts/magazine-format';
import './index.css';

interface Props {
  cover: string;
  title: string;
  sub?: string;
  size?: 'large' | 'small';
}

/** A generated cover: a coloured block with the magazine name and the issue title (no image is fetched). */
export default function Cover({ cover, title, sub, size = 'large' }: Props) {
  return (
    <View className={`mz-cover mz-cover--${size}`} style={{ background: coverColor(cover) }}>
      <Text className='mz-cover__brand'>人生</Text>
      {sub && <Text className='mz-cover__sub'>{sub}</Text>}
      <Text className='mz-cover__title'>{title}</Text>
    </View>
  );
}
