import { type AppContext, createAppContext } from './context';
import { services } from './services';

let current: AppContext | undefined;

/** The app context of this Functions instance, over its services: what every function file hands its logic. */
export function appContext(): AppContext {
  current ??= createAppContext(services());
  return current;
}

export function resetAppContext(): void {
  current = undefined;
}
