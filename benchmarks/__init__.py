"""Scripts that measure the library and print Markdown tables (`python -m benchmarks.<name>`); never tests."""
