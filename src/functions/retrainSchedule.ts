import { app, type InvocationContext, type Timer } from '@azure/functions';
import { appContext } from '../lib/app/instance';
import { settings } from '../lib/config/settings';
import { retrainAll } from '../lib/pipeline/retrain';

export async function retrainSchedule(timer: Timer, context: InvocationContext): Promise<void> {
  const s = settings();
  // Run ids derive from the tick's minute: a tick fired twice (host restart, redelivery) starts nothing new.
  const tick = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const decisions = await retrainAll(appContext(), {
    policy: s.RETRAIN_POLICY,
    budgetSeconds: s.AUTOML_TIME_BUDGET_SECONDS,
    tick,
  });
  for (const d of decisions) context.log(`retrain ${d.dataset}: ${d.action} (${d.reason})`);
  if (timer.isPastDue) context.warn('retrain timer is past due: a tick was missed');
}

app.timer('retrainSchedule', { schedule: '%RETRAIN_SCHEDULE%', runOnStartup: false, handler: retrainSchedule });
