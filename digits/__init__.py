"""Where digits come from, before any model sees them.

MNIST on disk (`data`), uploaded pictures (`uploads`), the drawing pad's strokes and their
preprocessing into MNIST's framing (`strokes`, `preprocess`), the article's noise formula
(`noise`), and a digit packed into a link (`digit_code`). Pure NumPy and Pillow: imports
nothing else of the project, never Streamlit or TensorFlow (Keras only for MNIST's download).
"""
