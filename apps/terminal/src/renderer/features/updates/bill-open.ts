import { BehaviorSubject } from 'rxjs';

/**
 * Whether the billing screen has a bill open (lines, or a weight being entered). The cart lives
 * in the billing screen's memory, so a restart would lose it: "Restart to update" is refused
 * while this is true. One renderer is one counter, so module state is enough.
 */
export const billOpen$ = new BehaviorSubject<boolean>(false);
