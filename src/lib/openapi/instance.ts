import { codeVersion } from '../app/codeVersion';
import { appContext } from '../app/instance';
import { PublicDocument } from './publicDocument';

let current: PublicDocument | undefined;

/** This instance's anonymous OpenAPI document, built once per set of deployed datasets. */
export function publicDocument(): PublicDocument {
  current ??= new PublicDocument({
    deployed: () => appContext().deployments.datasets(),
    version: codeVersion(),
  });
  return current;
}

/** Tests that install other services forget the document with them. */
export function resetPublicDocument(): void {
  current = undefined;
}
