"""The Train page's parts: the request form and live view of the one job, the finished runs,
and runs tried in place of the shipped weights.

Reads the run folders and starts jobs through `jobs`; never imports `training` or TensorFlow.
May import `ui.state` and `ui.pictures`.
"""
