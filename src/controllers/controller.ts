import type { ApiServer, Change } from '../api/server.ts';

/**
 * A control-plane component. `reconcile` is called with the changes since its last run to the
 * resources it watches; `timers` handle the delayed work it scheduled through the API server.
 */
export interface Controller {
  name: string;
  watches: string[];
  reconcile?(api: ApiServer, changes: Change[]): void;
  timers?: Record<string, (api: ApiServer, key: string) => void>;
}
