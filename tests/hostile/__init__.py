"""Hostile input: fuzzed parameters and forms, oversized bodies, spoofed headers, path and redirect tricks."""
