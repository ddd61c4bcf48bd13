import { View, Text, Image } from '@tarojs/components';
import { coverColor } from '@contracts/magazine-format';
import { mediaSrc } from '../../../../services/media';
import './index.css';

interface Props {
  cover: string;
  title: string;
  sub?: string;
  size?: 'large' | 'small';
}

/**
 * The cover of an issue: an uploaded picture (/media/…) under the magazine name and title, or a
 * generated one (a coloured block, nothing to download on a slow network).
 */
export default function Cover({ cover, title, sub, size = 'large' }: Props) {
  const picture = cover.startsWith('/media/');
  return (
    <View className={`mz-cover mz-cover--${size} ${picture ? 'mz-cover--picture' : ''}`} style={{ background: picture ? '#444' : coverColor(cover) }}>
      {picture && <Image className="mz-cover__img" src={mediaSrc(cover)} mode="aspectFill" lazyLoad />}
      <Text className="mz-cover__brand">人生</Text>
      {sub && <Text className="mz-cover__sub">{sub}</Text>}
      <Text className="mz-cover__title">{title}</Text>
    </View>
  );
}
