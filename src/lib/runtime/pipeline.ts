import { type PipelineContext, pipelineContext } from '../pipeline/context';
import { services } from './services';

let current: PipelineContext | undefined;

/** The pipeline context of this instance, over its services. */
export function pipeline(): PipelineContext {
  current ??= pipelineContext(services());
  return current;
}

export function resetPipeline(): void {
  current = undefined;
}
