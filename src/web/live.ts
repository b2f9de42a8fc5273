/**
 * The console's live stream (GET /v1/stream, server-sent events): one EventSource per tab, shared by the views that
 * listen, closed when none does. The server pushes `alert` (a post-loan alert raised), `cases` (the review queue
 * changed) and `tick` (every 30 s); the browser reconnects by itself and is sent what it missed.
 */
import { useEffect, useRef, useState } from 'react';

type Handler = (event: string, data: unknown) => void;
const EVENTS = ['ready', 'alert', 'cases', 'tick'] as const;

let source: EventSource | null = null;
const handlers = new Set<Handler>();
let connected = false;
const watchers = new Set<(c: boolean) => void>();

function setConnected(c: boolean) {
  connected = c;
  for (const w of watchers) w(c);
}

function open() {
  if (source || typeof EventSource === 'undefined') return;
  source = new EventSource('/v1/stream', { withCredentials: true });
  source.onopen = () => setConnected(true);
  source.onerror = () => setConnected(false);
  for (const name of EVENTS) {
    source.addEventListener(name, (e) => {
      let data: unknown = null;
      try {
        data = JSON.parse((e as MessageEvent<string>).data);
      } catch {
        // a malformed event is dropped, the stream goes on
      }
      for (const h of handlers) h(name, data);
    });
  }
}

function close() {
  source?.close();
  source = null;
  setConnected(false);
}

/** Calls `handler` for each pushed event while the component is mounted; answers whether the stream is up. */
export function useLive(handler: Handler): boolean {
  const current = useRef(handler);
  current.current = handler;
  const [up, setUp] = useState(connected);
  useEffect(() => {
    const h: Handler = (e, d) => current.current(e, d);
    handlers.add(h);
    watchers.add(setUp);
    open();
    return () => {
      handlers.delete(h);
      watchers.delete(setUp);
      if (handlers.size === 0) close();
    };
  }, []);
  return up;
}
