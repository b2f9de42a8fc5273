// Lets a child process run the TypeScript sources directly (`node --import ./test/support/ts-register.mjs
// src/cli/main.ts …`): tests start real `riskloop` processes without a build. Types are stripped by oxc (through
// rolldown, which vite already brings); nothing is type-checked here — `npm run check` does that.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
