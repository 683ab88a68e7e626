/**
 * Machine and engine measurements that put Relay's speed in context: what this machine's memory can
 * deliver at best ({@link io.github.relayllm.bench.perf.BandwidthProbe}), and what the relay
 * scheduler costs beyond its two models' own work ({@link io.github.relayllm.bench.perf.RelayOverhead}).
 * Uses no backend internals.
 */
package io.github.relayllm.bench.perf;
