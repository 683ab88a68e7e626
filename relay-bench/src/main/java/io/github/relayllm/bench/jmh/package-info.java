/**
 * JMH benchmarks, packaged in {@code relay-bench/target/benchmarks.jar}. Run with {@code java -jar
 * relay-bench/target/benchmarks.jar [regex]}; each benchmark forks a JVM with the flags the engine
 * needs.
 */
package io.github.relayllm.bench.jmh;
