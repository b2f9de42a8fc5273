/** The signed-in session and the API client, shared by every view. */
import { createContext, useContext } from 'react';
import type { Api, SessionInfo } from './api';

export interface ConsoleContext {
  api: Api;
  session: SessionInfo;
  setSession: (s: SessionInfo | null) => void;
}

export const Ctx = createContext<ConsoleContext | null>(null);

export function useConsole(): ConsoleContext {
  const c = useContext(Ctx);
  if (!c) throw new Error('useConsole outside a signed-in console');
  return c;
}

/** Roles that may do a thing, as the server grants them (src/server/auth.ts): the UI only hides, the API decides. */
export const can = {
  draft: (s: SessionInfo) => s.role === 'admin' || s.role === 'analyst',
  publish: (s: SessionInfo) => s.role === 'admin',
  work: (s: SessionInfo) => s.role === 'admin' || s.role === 'analyst',
};
