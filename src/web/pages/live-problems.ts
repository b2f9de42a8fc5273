/**
 * Validation as the analyst types, for the flow and trigger-set editors: debounced, and answers for older text are
 * dropped so a slow answer never overwrites a newer one.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Api } from '../api';
import { problemMarks } from './flow-marks';

/** The two documents checked as they are typed, each by its own validate route. */
const VALIDATE = {
  flow: (api: Api, text: string) => api.call(api.client.POST('/v1/flows/validate', { body: { text } })),
  triggers: (api: Api, text: string) =>
    api.call(api.client.POST('/v1/monitoring/triggers/validate', { body: { text } })),
};

type Problems<K extends keyof typeof VALIDATE> = Awaited<ReturnType<(typeof VALIDATE)[K]>>['problems'];

export function useLiveProblems<K extends keyof typeof VALIDATE>(
  api: Api,
  document: K,
  text: string,
  onError: (e: Error) => void,
) {
  const [problems, setProblems] = useState<Problems<K>>([]);
  const [checking, setChecking] = useState(false);
  const seq = useRef(0);
  useEffect(() => {
    if (!text) return;
    const mine = ++seq.current;
    const t = setTimeout(() => {
      setChecking(true);
      VALIDATE[document](api, text).then(
        (r) => {
          if (mine !== seq.current) return;
          setProblems(r.problems as Problems<K>);
          setChecking(false);
        },
        (e: Error) => {
          if (mine !== seq.current) return;
          onError(e);
          setChecking(false);
        },
      );
    }, 300);
    return () => clearTimeout(t);
  }, [api, document, text]);
  const marks = useMemo(() => problemMarks(text, problems), [text, problems]);
  return { problems, checking, marks };
}
