/**
 * Validation as the analyst types, for the flow and trigger-set editors: debounced, and answers for older text are
 * dropped so a slow answer never overwrites a newer one.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Api } from '../api';
import { problemMarks, type FlowProblem } from './flow-marks';

export function useLiveProblems(api: Api, url: string, text: string, onError: (e: Error) => void) {
  const [problems, setProblems] = useState<FlowProblem[]>([]);
  const [checking, setChecking] = useState(false);
  const seq = useRef(0);
  useEffect(() => {
    if (!text) return;
    const mine = ++seq.current;
    const t = setTimeout(() => {
      setChecking(true);
      api.post<{ valid: boolean; problems: FlowProblem[] }>(url, { text }).then(
        (r) => {
          if (mine !== seq.current) return;
          setProblems(r.problems);
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
  }, [api, url, text]);
  const marks = useMemo(() => problemMarks(text, problems), [text, problems]);
  return { problems, checking, marks };
}
