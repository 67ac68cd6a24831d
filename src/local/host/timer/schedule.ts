import { CronExpressionParser } from 'cron-parser';
import { parseTimeSpan } from '../hostConfig';

/** When a timer fires next, strictly after `after`. */
export type Schedule = (after: Date) => Date;

/**
 * A timer trigger schedule as Azure reads it: a six-field NCRONTAB expression
 * (`{second} {minute} {hour} {day} {month} {day-of-week}`), in UTC unless WEBSITE_TIME_ZONE names an IANA
 * zone, or a TimeSpan (`hh:mm:ss`) meaning "every interval".
 */
export function parseSchedule(text: string, timeZone: string | undefined = undefined): Schedule {
  const trimmed = text.trim();
  if (/^(\d+\.)?\d{1,2}:\d{2}:\d{2}$/.test(trimmed)) {
    const every = parseTimeSpan(trimmed);
    if (every <= 0) throw new Error(`timer schedule "${text}" must be a positive interval`);
    return (after) => new Date(after.getTime() + every);
  }
  const fields = trimmed.split(/\s+/);
  if (fields.length !== 6) {
    throw new Error(
      `timer schedule "${text}" must have six NCRONTAB fields ({second} {minute} {hour} {day} {month} {dow})`,
    );
  }
  const tz = timeZone ?? 'UTC';
  // Parse once now so a bad expression fails at start, not at the first tick.
  CronExpressionParser.parse(trimmed, { tz });
  return (after) => CronExpressionParser.parse(trimmed, { currentDate: after, tz }).next().toDate();
}
