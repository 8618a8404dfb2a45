/**
 * The discrete-event engine: requests through the estate over time.
 *
 * One loop pops events ordered by (time, sequence) from a calendar queue (calendar.ts: the call
 * graphs' events), a typed-array heap (heap.ts: the far-off, rarer ones) and the client timeouts'
 * FIFO, merged as one heap would order them, and dispatches them by integer kind to the users'
 * side (clients.ts: arrivals, sessions, attempts, retries), the call graphs in flight (calls.ts:
 * frames, legs, pool queues), capacity (capacity.ts: instances, scaling, Spot, cost) and faults
 * (faults.ts: places lost, links cut, brown-outs, and the health checks that notice them). All state
 * lives in typed arrays indexed by integers and recycled through free lists, so the loop allocates
 * nothing per event; each stream of randomness has its own seeded generator. The same model and
 * seed give the same result, byte for byte.
 *
 * The run goes on past the scenario's duration (arrivals stop there) until every request has
 * ended; a request still open at the drain limit (every attempt's timeout and backoff later) ends as
 * a timeout.
 */
import { EventCalendar } from './calendar.js';
import { Calls, EV_LEG_ARRIVE, EV_LEG_COMPUTED, EV_LEG_RETURN } from './calls.js';
import type { Capacity } from './capacity.js';
import { EV_INSTANCE_END, EV_INSTANCE_READY, EV_POOL_TICK, EV_SPOT_NOTICE } from './capacity.js';
import { Clients, EV_ARRIVAL, EV_RETRY, EV_SESSION_NEXT, NO_TIMEOUT_S } from './clients.js';
import { Doors, EV_DOOR_PROBE, EV_DOOR_RESULT } from './doors/doors.js';
import { EV_FAULT_END, EV_FAULT_START, EV_HEALTH_PROBE, EV_HEALTH_RESULT, Faults } from './faults.js';
import { EventHeap } from './heap.js';
import type { SimModel } from './model.js';
import { Recorder } from './recorder.js';

export { OUTCOME_ERROR, OUTCOME_REJECTED, OUTCOME_SUCCESS, OUTCOME_TIMEOUT } from './calls.js';
export { NO_TIMEOUT_S } from './clients.js';

const INFINITY = Number.POSITIVE_INFINITY;
const EV_INTERVAL = 8;
const EV_ACTION = 9;

export class Engine {
  readonly model: SimModel;
  /** The call graphs' events and arrivals: most of the events, in a calendar queue. */
  readonly heap: EventCalendar;
  /** Events far off and rare (think times, retries, capacity, intervals), in a heap of their own. */
  readonly later: EventHeap;
  readonly calls: Calls;
  readonly clients: Clients;
  readonly capacity: Capacity;
  readonly faults: Faults;
  readonly recorder: Recorder;
  /** The front doors, when some request enters through one. */
  readonly doors: Doors | null;
  now = 0;
  events = 0;
  /** The end of the run: the last request's end, or the drain limit. */
  endS = 0;

  constructor(model: SimModel) {
    this.model = model;
    // One sequence for both queues and the timeouts: together they order events as one heap would.
    const sequence = { next: 0 };
    this.heap = new EventCalendar(4096, sequence);
    this.later = new EventHeap(1024, sequence);
    this.recorder = new Recorder(model);
    this.calls = new Calls(model, this.heap, this.later);
    this.capacity = this.calls.capacity;
    this.clients = new Clients(model, this.heap, this.later, this.calls, this.recorder);
    this.calls.clients = this.clients;
    this.faults = new Faults(model, this.later, this.calls, this.recorder);
    this.doors = model.doors ? new Doors(model, model.doors, this.later, this.calls) : null;
    this.clients.doors = this.doors;
  }

  /** Runs the scenario to its end and past it until every request has ended. */
  run(onProgress?: (fraction: number) => void): void {
    const model = this.model;
    const heap = this.heap;
    const later = this.later;
    const calls = this.calls;
    const clients = this.clients;
    const capacity = this.capacity;
    const faults = this.faults;
    const drainLimit = this.start();
    let progressAt = 0;
    const progressStep = model.durationS / 100;
    const timeouts = clients.timeouts;
    const durationS = model.durationS;
    for (;;) {
      // The next event of the two queues and the timeouts, by (time, sequence), as one heap would:
      // the call graphs' calendar first unless the later heap or the timeouts' FIFO has an earlier one.
      let fromLater = false;
      let best = heap.nextTime;
      let bestSeq = heap.nextSeq;
      const laterT = later.nextTime;
      if (laterT < best || (laterT === best && laterT !== INFINITY && later.nextSeq < bestSeq)) {
        fromLater = true;
        best = laterT;
        bestSeq = later.nextSeq;
      }
      const timeoutT = timeouts.peekTime();
      let t: number;
      if (
        timeoutT < best ||
        (timeoutT === best && timeoutT !== INFINITY && timeouts.peekSequence() < bestSeq)
      ) {
        timeouts.pop();
        t = timeouts.time;
        if (t > drainLimit) break;
        this.now = t;
        calls.now = t;
        clients.now = t;
        this.events++;
        clients.clientTimeout(timeouts.target);
      } else {
        let target: number;
        let kind: number;
        // Each queue popped at a call site of its own, so that each site sees one class.
        if (fromLater) {
          if (!later.pop()) break;
          t = later.time;
          target = later.target;
          kind = later.kind;
        } else {
          if (!heap.pop()) break;
          t = heap.time;
          target = heap.target;
          kind = heap.kind;
        }
        if (t > drainLimit) break;
        this.now = t;
        calls.now = t;
        clients.now = t;
        this.events++;
        switch (kind) {
          case EV_LEG_ARRIVE:
            calls.legArrive(target);
            break;
          case EV_LEG_COMPUTED:
            calls.legComputed(target);
            break;
          case EV_LEG_RETURN:
            calls.completeFrame(target);
            break;
          case EV_ARRIVAL:
            clients.arrival(target);
            break;
          case EV_RETRY:
            clients.startAttempt(target);
            break;
          case EV_SESSION_NEXT:
            clients.sessionNext(target);
            break;
          case EV_INTERVAL:
            this.interval();
            break;
          case EV_ACTION: {
            const action = model.actions[target];
            if (action) capacity.setCapacity(action.pool, t, action.min, action.desired, action.max);
            break;
          }
          case EV_POOL_TICK:
          case EV_INSTANCE_READY:
          case EV_SPOT_NOTICE:
          case EV_INSTANCE_END:
            capacity.handle(kind, target, t);
            break;
          case EV_FAULT_START:
          case EV_FAULT_END:
          case EV_HEALTH_PROBE:
          case EV_HEALTH_RESULT:
            faults.handle(kind, target, t);
            break;
          case EV_DOOR_PROBE:
          case EV_DOOR_RESULT:
            this.doors?.handle(kind, target, t);
            break;
        }
      }
      if (t >= durationS && clients.open === 0) break;
      if (onProgress && t >= progressAt) {
        onProgress(Math.min(1, t / durationS));
        progressAt = t + progressStep;
      }
    }
    this.endS = Math.max(this.now, durationS);
    clients.timeOutOpen();
    capacity.finish(this.endS);
    this.recorder.finish(this.endS);
  }

  /** Starts the run's parts and schedules its first events: the drain limit (see above). */
  private start(): number {
    const model = this.model;
    this.capacity.start();
    this.clients.start();
    this.faults.start();
    this.doors?.start();
    model.actions.forEach((action, i) => {
      this.later.push(action.atS, EV_ACTION, i);
    });
    this.pushInterval(Math.min(model.intervalS, model.durationS));
    const client = model.client;
    return client.timeoutS < NO_TIMEOUT_S
      ? model.durationS + client.attempts * (client.timeoutS + client.backoffCapS) + 1
      : 2 * model.durationS + 86_400;
  }

  /** Closes an interval of the time series and schedules the next. */
  private interval(): void {
    const model = this.model;
    for (let p = 0; p < model.pools.length; p++) this.capacity.integrate(p, this.now);
    this.recorder.closeInterval(this.now, this.capacity, this.calls.qLen, this.calls.transferBytes);
    if (this.now < model.durationS) this.pushInterval(Math.min(this.now + model.intervalS, model.durationS));
  }

  /** Schedules the close of the interval open now; the calls count bytes in it up to then. */
  private pushInterval(atS: number): void {
    this.later.push(atS, EV_INTERVAL, 0);
    this.calls.closeAtS = atS;
  }
}
