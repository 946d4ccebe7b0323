"""Helpers for setting up the tests (browser, MNIST check); importable so the tests share them."""
