/**
 * How long a call computes at an instance of its service: a draw from the service's distribution
 * (constant, exponential by its mean, lognormal by its median and sigma), from the service-times
 * stream.
 */
import { DIST_CONSTANT, DIST_EXPONENTIAL, type SimModel } from './model.js';
import { STREAM_SERVICE, Stream } from './random.js';

export class ComputeTimes {
  private readonly dist: Int32Array;
  private readonly a: Float64Array;
  private readonly b: Float64Array;
  private readonly rng: Stream;

  constructor(model: SimModel) {
    const services = model.services;
    this.dist = Int32Array.from(services.map((s) => s.compute.dist));
    this.a = Float64Array.from(services.map((s) => s.compute.a));
    this.b = Float64Array.from(services.map((s) => s.compute.b));
    this.rng = new Stream(model.seed, STREAM_SERVICE);
  }

  /** A compute time of `service`, in seconds. */
  draw(service: number): number {
    const dist = this.dist[service] as number;
    const a = this.a[service] as number;
    if (dist === DIST_CONSTANT) return a;
    if (dist === DIST_EXPONENTIAL) return this.rng.exponential(a);
    return a * Math.exp((this.b[service] as number) * this.rng.normal());
  }
}
