"""The Generate page's parts: the 2-number models loaded once, their test codes, the planes' data,
random samples and the walk. The planes themselves are a component (ui/components/code_plane.py)."""
