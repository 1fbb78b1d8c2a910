"""Benchmarks: `make bench` runs every workload and writes BENCHMARKS.md."""
