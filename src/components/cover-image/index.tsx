import { useState } from 'react';
import { View, Image, Text } from '@tarojs/components';
import { mediaSrc } from '../../services/media';
import './index.css';

interface Props {
  src: string | null | undefined;
  /** width / height; the box keeps it before the image arrives, so nothing jumps. */
  ratio?: number;
  /** Shown on the placeholder when there is no cover (or it fails to load). */
  label?: string;
  /** With no cover at all: false renders nothing (lists), true the placeholder (detail pages). */
  placeholder?: boolean;
  className?: string;
}

/** A campaign's or event's cover: lazy-loaded, fixed aspect ratio, a quiet placeholder when missing. */
export default function CoverImage({ src, ratio = 16 / 9, label = '', placeholder = true, className = '' }: Props) {
  const url = mediaSrc(src);
  const [failed, setFailed] = useState('');
  if (!url && !placeholder) return null;
  const ok = url && failed !== url;
  return (
    <View className={`cover ${className}`} style={{ paddingTop: `${(100 / ratio).toFixed(3)}%` }}>
      {ok ? (
        <Image className="cover__img" src={url} mode="aspectFill" lazyLoad onError={() => setFailed(url)} />
      ) : (
        <View className="cover__placeholder">
          <Text className="cover__label">{label}</Text>
        </View>
      )}
    </View>
  );
}
