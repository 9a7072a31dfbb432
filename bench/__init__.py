"""The benchmark harness (python -m bench) and its data generator."""
