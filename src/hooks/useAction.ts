import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import type { ActionName, PayloadOf, ResultOf } from '@contracts/index';
import { call, ApiCallError } from '../services/api';

export interface ActionState<A extends ActionName> {
  data: ResultOf<A> | undefined;
  error: ApiCallError | undefined;
  loading: boolean;
  reload: () => Promise<void>;
}

/**
 * Loads an action's result for a page, with loading and error state for <StateView>.
 * Reloads when the page is shown again, so edits made elsewhere appear on return.
 */
export function useAction<A extends ActionName>(action: A, payload: PayloadOf<A>, opts: { enabled?: boolean } = {}): ActionState<A> {
  const [data, setData] = useState<ResultOf<A>>();
  const [error, setError] = useState<ApiCallError>();
  const [loading, setLoading] = useState(true);
  const key = JSON.stringify(payload);
  const payloadRef = useRef(payload);
  payloadRef.current = payload;
  const enabled = opts.enabled ?? true;

  const reload = useCallback(async () => {
    if (!enabled) return;
    setLoading(true);
    try {
      setData(await call(action, payloadRef.current, { quiet: true }));
      setError(undefined);
    } catch (e) {
      setError(e as ApiCallError);
    } finally {
      setLoading(false);
    }
    // `key` stands for the payload (read through a ref): a new payload makes a new loader.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [action, key, enabled]);

  const shownOnce = useRef(false);
  useEffect(() => {
    void reload();
  }, [reload]);
  useDidShow(() => {
    if (shownOnce.current) void reload();
    shownOnce.current = true;
  });
  return { data, error, loading, reload };
}
