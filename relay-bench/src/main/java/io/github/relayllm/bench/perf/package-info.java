/**
 * Machine measurements that put Relay's speed in context: what this machine's memory and cores can
 * deliver at best. Uses no backend internals.
 */
package io.github.relayllm.bench.perf;
