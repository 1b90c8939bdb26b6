import { buildOnce } from './start-command.ts';

/** Before any test: dist/ is current, so the server processes tests start run what `npm start` runs. */
export default function setup(): void {
  buildOnce();
}
