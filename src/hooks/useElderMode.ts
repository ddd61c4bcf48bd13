import { useEffect, useState } from 'react';
import { elderMode } from '../services/elder-mode';

/** Whether 长辈模式 is on, re-rendering when it changes anywhere (the switch on 我的, or member.me). */
export function useElderMode(): boolean {
  const [on, setOn] = useState(elderMode.get);
  useEffect(() => {
    setOn(elderMode.get());
    return elderMode.subscribe(setOn);
  }, []);
  return on;
}
