"""How the autoencoders are trained: `python -m training --variant dense` (see `training.cli`).

The Keras training pipeline (`pipeline`), the article's noise as a Keras layer
(`noise_layer`), per-epoch checkpoints (`checkpoints`), the progress a run writes for the
Train page (`progress`) and the command line (`cli`). Imports TensorFlow and Keras, so the
app's server never imports this package: the Train page starts the CLI in a process of its
own (`jobs`). May import `models`, `digits` and `jobs.runs` (the run folder's format).
"""
