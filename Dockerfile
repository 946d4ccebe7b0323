# Autoencoder Lab: one image that serves the app (default command) and trains the models.
#
#   docker build -t autoencoder-lab .                      # --build-arg DOWNLOAD_MNIST=0 to leave MNIST out
#   docker run --rm -p 8501:8501 autoencoder-lab           # add --gpus all to run inference on a GPU
#   docker run --rm --gpus all -v "$PWD/weights:/app/weights" autoencoder-lab \
#       python -m models.train --variant all        # leave out --gpus all to train on the CPU
#
# The image runs as uid 1000 (user `app`): a mounted weights folder must be writable by uid 1000,
# or run as yourself with --user "$(id -u):$(id -g)".
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    TF_CPP_MIN_LOG_LEVEL=2 \
    TF_FORCE_GPU_ALLOW_GROWTH=true \
    STREAMLIT_SERVER_PORT=8501

RUN useradd --create-home --uid 1000 --user-group app \
    && install -d -o app -g app /app /app/weights /app/runs

WORKDIR /app

# Dependencies before the code, so editing the code does not reinstall TensorFlow.
COPY requirements.txt requirements-dev.txt ./
# The and-cuda extra brings CUDA and cuDNN as pip wheels, so the host needs only the NVIDIA driver.
# One resolve: the version range comes from requirements.txt, the extra adds the CUDA wheels.
RUN pip install -r requirements.txt "tensorflow[and-cuda]"

# TensorFlow does not find every CUDA library inside site-packages on its own; put their
# folders on the loader path. `find` fails the build if the wheels are missing.
RUN find "$(python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/nvidia" \
        -mindepth 2 -maxdepth 2 -type d -name lib > /etc/ld.so.conf.d/nvidia-pip.conf \
    && ldconfig

# MNIST inside the image, so training and the app's sample digits work offline.
# load_data() checks the file's sha256; KERAS_HOME keeps its cache out of root's home.
ARG DOWNLOAD_MNIST=1
RUN if [ "$DOWNLOAD_MNIST" = "1" ]; then \
        mkdir -p /data \
        && KERAS_HOME=/tmp/keras python -c "import keras; keras.datasets.mnist.load_data()" \
        && mv /tmp/keras/datasets/mnist.npz /data/mnist.npz \
        && rm -rf /tmp/keras; \
    fi

COPY --chown=app:app app.py ./
COPY --chown=app:app .streamlit/ .streamlit/
COPY --chown=app:app models/ models/
COPY --chown=app:app ui/ ui/
COPY --chown=app:app pages/ pages/
COPY --chown=app:app weights/ weights/

# Numeric, so orchestrators can check that the container does not run as root.
USER 1000:1000

EXPOSE 8501

# Slim images have no curl. urlopen raises on a refused connection and on Streamlit's 503,
# and an uncaught exception exits 1, which Docker reads as unhealthy. Streamlit serves on
# $STREAMLIT_SERVER_PORT, and the check asks that same port: `-e STREAMLIT_SERVER_PORT=9000`
# moves both.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f\"http://localhost:{os.environ.get('STREAMLIT_SERVER_PORT', '8501')}/_stcore/health\", timeout=4)"]

# The loader treats a MNIST_NPZ that names a missing file as an error (it does not fall back
# to the Keras download), so an ENV cannot set it: point it at /data/mnist.npz only when the
# build put the file there, and never override a MNIST_NPZ given with `docker run -e`.
ENTRYPOINT ["/bin/sh", "-c", "if [ -z \"${MNIST_NPZ:-}\" ] && [ -f /data/mnist.npz ]; then export MNIST_NPZ=/data/mnist.npz; fi; exec \"$@\"", "--"]
CMD ["streamlit", "run", "app.py", "--server.address=0.0.0.0", "--server.headless=true"]
