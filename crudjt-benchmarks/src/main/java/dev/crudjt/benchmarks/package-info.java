/**
 * The benchmark command: measures CRUDJT in-process and over gRPC, Redis and JWT on one machine
 * and writes a Markdown report, a chart and a JSON file of figures.
 */
@NullMarked
package dev.crudjt.benchmarks;

import org.jspecify.annotations.NullMarked;
