import { Countdown } from '../app/Countdown';

/** The manual-review deadline as a live countdown: amber in its last half hour, red once it has passed. */
export function ReviewSla({ dueAt }: { dueAt: string | null }) {
  return <Countdown dueAt={dueAt} warnWithinMs={30 * 60_000} />;
}
